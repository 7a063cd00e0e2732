/**
 * Connections and their transports; the only code that knows a client uses WebSocket, SSE or polling.
 * <p>
 * A connection has an outbox drained by Herald's writer threads, one write in flight, with everything
 * that waits joined into that write: publishing only enqueues, a slow socket delays only itself, and a
 * client that stops reading is closed once its outbox passes its bound. Heartbeats and the idle timeout
 * are Herald's own (one scheduler ticking over all connections). Rejected: one
 * {@code getAsyncRemote().sendText} per publication per subscriber, which on Payara costs a managed
 * executor task per write and lets the container's unbounded queue grow without limit.
 * <p>
 * Payara's Tyrus still schedules a task per write whose context capture scans the thread's context
 * class loader; writers send with the platform class loader as context loader (restored before Herald
 * code runs again), which halves the CPU per delivery. Rejected: disabling Payara's default managed
 * scheduled executor (breaks either the boot, the CDI deployment or every handshake, depending on when)
 * and reflection into Tyrus.
 * <p>
 * The WebSocket endpoint is no CDI bean: {@code WebSocketGate} (its configurator) makes each instance with
 * the node's singletons looked up once ({@code WebSocketParts}), and received frames use a JSON-P provider
 * looked up once. Rejected: a {@code @Dependent} endpoint with {@code @Inject} fields, which Payara's Tyrus
 * makes through a new Weld injection target per connection, under one lock, and keeps for the life of the
 * connection; and {@code Json.createX} per frame, a class-path scan on Payara each (docs/performance.md).
 * <p>
 * HTTP transports (docs/protocol.md §15) keep no session: the client sends its positions as a
 * {@link io.herald.connection.entity.Cursor} with every request, so any node can answer. An SSE stream
 * is a one-way {@link io.herald.connection.control.Connection} (same outbox, heartbeats and bounds; no
 * idle timeout) whose transport turns each frame into an event and tracks the cursor for the event ids,
 * because only it knows which frame went out last. A long-poll is suspended with temporary hub subscriptions
 * that only wake it; the answer is always read from the history, like a resume, so a poll and a resume
 * can never disagree. Rejected: a server-side session per HTTP client (sticky load balancing, state to
 * expire), and answering a long-poll from the frames that woke it (a second source of truth).
 * Known limit: JAX-RS SSE writes block, so a reader whose TCP window is full holds a writer thread
 * until the container's write timeout; non-blocking servlet output would remove that.
 * <p>
 * A waiting long-poll holds a place ({@code WaitingPolls}): at most {@code herald.http.max-waiting-polls}
 * on the node and {@code herald.http.max-waiting-polls-per-address} from one address. No server tells
 * the application that the client of a waiting request has gone (checked on Payara 6.2025.10, WildFly 39
 * and Open Liberty 26: neither JAX-RS's optional {@code ConnectionCallback} nor the servlet
 * {@code AsyncListener} is called when the client closes its connection), so a full node or address
 * gives the place of its oldest poll that has waited {@code herald.http.poll-eviction-after} to the new
 * one, and answers it as if its wait had ended: a client that left frees its place as soon as it is
 * needed, a client that stays polls again with the same cursor. Rejected: committing the answer early
 * and writing padding to find out whether the client is still there (the status and the ETag of a poll
 * are only known at its end), and refusing new polls until the old ones time out (up to 60 s of 503s).
 * {@code POST /api/client} reads its body through {@code platform.RequestBodies}, without a thread.
 * <p>
 * The seam to a transport is {@link io.herald.connection.control.Transport#write} of a batch of
 * {@link io.herald.delivery.entity.Frame}s (Centrifuge's {@code WriteMany}): each frame carries its JSON
 * and the position it moves, and each transport renders the batch its own way (WebSocket: one text
 * with the frames separated by newlines; SSE: one event per frame, its id from the frame's position).
 * Rejected: the outbox joining frames into one string that the SSE transport split again and re-parsed
 * for positions (a value flattened into text at one seam and read back at the next).
 * <p>
 * A client frame is parsed once into a sealed {@link io.herald.connection.control.ClientFrame} record,
 * with the rules and error codes of every transport, and each use (a connection, an HTTP request)
 * dispatches it through one {@code ClientFrame.Handler}, so a new frame type does not compile until
 * every use handles it. A frame that breaks a rule parses to {@code Invalid} with the ref read so far,
 * so the error echoes the ref without a second look at the JSON. Rejected: a string {@code switch} per
 * use (a forgotten case compiles) and pattern matching in {@code switch} (a preview in Java 17).
 * Server frames without a position stay in {@link io.herald.connection.control.Frames}; those with one
 * are delivery's ({@link io.herald.delivery.control.DeliveryJson}).
 * <p>
 * What a request or an upgrade must pass before it reaches a transport (handshake budget, origin,
 * credential) is decided by the servlet filters of {@code security.boundary}, and the HTTP transports
 * take their caller from its {@code Caller}; the handshake only reads what those filters passed on
 * (a ticket, a device token, the remote address). Rejected: keeping that filter here, which made the
 * transport component decide security and repeat the identity lookup in every resource.
 * <p>
 * A node that is stopping drains ({@link io.herald.connection.control.Drain}, on the platform's
 * {@code NodeStopping}, docs/operations.md): it refuses everything new at once ({@code DrainGate}, the first
 * filter of {@code web.xml}, with the JSON 503; readiness down), answers the waiting long-polls, and closes
 * each connection with 4001 at its own moment of {@code herald.connection.drain-window}, once its outbox has
 * been written ({@code Outbox.whenWritten}), so that it has every publication it was sent. The gate covers the
 * publish API too: a node that is going away takes nothing new. Rejected: closing every connection at once
 * (a reconnect storm on the other nodes), and a check for the drain in {@code delivery} (it would need to
 * know about connections: a cycle).
 * <p>
 * {@link io.herald.connection.control.ConnectionConfig} declares every setting of the component, the HTTP
 * transports' and {@code websocket-enabled} included, each default once. Nothing in here exists for
 * tests: the browser tests deploy their own subclass of {@link io.herald.connection.control.Upgrades}
 * (a CDI alternative) to refuse upgrades at run time, and unit tests build {@code Connections} with every
 * argument. Rejected: a run-time switch and convenience constructors in production code that only tests
 * called, and a test-only setting, which an operator could turn on.
 * <p>
 * The frame limit counts UTF-8 bytes, as documented ({@link io.herald.connection.entity.Limits#fitsMessage}),
 * on the text the container decoded, without encoding it again. Rejected: relying on the container's
 * buffer size, which containers count differently (Payara let 195 KB of 3-byte characters through a
 * 64 KiB limit). A poll's {@code wait} is any unsigned JSON number, bounded in length and compared
 * with the cap and with one millisecond before it is rounded, so an exponent cannot make it expensive.
 */
package io.herald.connection;
