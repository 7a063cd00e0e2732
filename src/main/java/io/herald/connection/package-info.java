/**
 * Connections and their transports; the only code that knows a client uses WebSocket.
 * <p>
 * A connection has an outbox drained by Herald's writer threads, one write in flight, with everything
 * that waits joined into that write: publishing only enqueues, a slow socket delays only itself, and a
 * client that stops reading is closed once its outbox passes its bound. Heartbeats and the idle timeout
 * are Herald's own (one scheduler ticking over all connections). Rejected: one
 * {@code getAsyncRemote().sendText} per publication per subscriber, which on Payara costs a managed
 * executor task per write and lets the container's unbounded queue grow without limit.
 */
package io.herald.connection;
