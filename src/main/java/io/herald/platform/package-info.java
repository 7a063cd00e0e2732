/**
 * What Herald takes from the container and the JVM: threads, request bodies read without one, and the
 * signal that stops the node.
 * <p>
 * Herald runs its writers and its scheduler on threads from the default ManagedThreadFactory, so the
 * application context is captured once per thread, not once per task. Rejected: a managed executor
 * service, whose per-task context capture costs more than the work of a write on Payara.
 * <p>
 * {@link io.herald.platform.Backlog} is what waits to be written on the node (publication bytes in the
 * outboxes, the writers' delay); publishing is refused with {@code 503 overloaded} while it is past its
 * limits, so a node that cannot keep up sheds at the publishing end instead of growing a backlog of minutes.
 * It lives here because both the connections (which fill it) and the publisher (which asks it) use it.
 * Rejected: closing the slowest connections first, which under a saturated core closes them all.
 * <p>
 * A node drains on SIGTERM before the server stops: {@link io.herald.platform.TermSignal} takes the signal
 * (the only code that touches {@code sun.misc.Signal}), fires {@link io.herald.platform.NodeStopping} and
 * hands the signal on to the JVM once its observers returned. Taking it before the server was the only way
 * found that works on all three servers (measured on SIGTERM, docs/operations.md): by the time the servers
 * call the application (a {@code ServletContextListener}, {@code @BeforeDestroyed}, {@code @PreDestroy}),
 * WildFly has already closed every WebSocket with 1001 (its suspend), Open Liberty has closed the HTTP
 * listener under them (1006), and Payara Micro answers every request with its own HTML 503. Rejected: those
 * callbacks; a JVM shutdown hook, which runs alongside the servers' hooks and loses that race; and
 * server-specific grace settings (Payara Micro's {@code --shutdowngrace} keeps the server up, WildFly and
 * Liberty have nothing alike). WildFly shows {@code sun.misc} to a deployment only when asked
 * ({@code WEB-INF/jboss-deployment-structure.xml}).
 * <p>
 * A request body ({@code POST /api/publish}, {@code POST /api/client}) is read by
 * {@link io.herald.platform.RequestBodies} with the Servlet API's non-blocking input under the resource's
 * suspended JAX-RS request: a client that sends a byte a second holds a socket, never a request thread,
 * and for {@code herald.http.body-timeout} at most (408). Measured before, 220 such clients held every
 * request thread of Payara (200) and WildFly (32 on two cores): every publish and poll of everyone else
 * timed out. Rejected: a servlet filter that reads the body and then dispatches the request on
 * ({@code AsyncContext.dispatch}), which keeps the resources as they were but on Payara 6.2025.10 runs
 * the dispatched request without its CDI request scope (WELD-000710 for {@code Caller}); and a cap on
 * requests in flight per address, which leaves the threads to an attacker with a few addresses. The
 * device API still reads its body blocking: only a device administrator gets that far.
 */
package io.herald.platform;
