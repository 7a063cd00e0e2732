/**
 * What Herald takes from the container: threads, and request bodies read without one.
 * <p>
 * Herald runs its writers and its scheduler on threads from the default ManagedThreadFactory, so the
 * application context is captured once per thread, not once per task. Rejected: a managed executor
 * service, whose per-task context capture costs more than the work of a write on Payara.
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
