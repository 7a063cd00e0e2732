package io.herald.platform;

/**
 * The node was asked to stop (SIGTERM) and the server has not begun to stop yet: observers move their
 * clients away now, and the server stops once every observer has returned. Fired synchronously, once,
 * on a thread of the container's factory.
 */
public record NodeStopping() {}
