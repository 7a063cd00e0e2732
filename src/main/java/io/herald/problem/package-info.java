/**
 * The documented error codes shared by every transport and the REST API.
 * <p>
 * Control code throws {@link io.herald.problem.entity.Refusal}; each boundary maps it once: the
 * WebSocket to an {@code error} frame (the connection stays open), JAX-RS to a status and a JSON
 * body. Rejected: per-transport error types, which let the transports drift apart.
 */
package io.herald.problem;
