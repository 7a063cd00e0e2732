/**
 * The documented error codes shared by every transport and the REST API.
 * <p>
 * Control code throws {@link io.herald.problem.entity.Refusal}; each boundary maps it once: the
 * WebSocket to an {@code error} frame (the connection stays open), JAX-RS to a status and a JSON
 * body. Rejected: per-transport error types, which let the transports drift apart.
 * <p>
 * What the container or JAX-RS answer without Herald (a token MicroProfile JWT refuses, a path, method
 * or media type Herald does not serve, a failure nothing caught) gets the same body, with its own
 * status: JAX-RS's refusals through {@link io.herald.problem.boundary.BareStatusMapper}, the
 * container's through the WAR's one error page ({@link io.herald.problem.boundary.ErrorPage},
 * {@code WEB-INF/web.xml}); {@link io.herald.problem.entity.ErrorCode#ofStatus} names the code of a
 * bare status. Both are needed: Jersey hands its bare refusals to the container's error page, RESTEasy
 * answers them with an empty body. Rejected: an error page per status code (a list that misses the
 * next one) and leaving them as the servers write them (HTML on Payara and WildFly, empty on Liberty).
 * Only what the server answers before the web application exists (a request line or header over the
 * limits in {@code server-config}) keeps the server's own answer.
 */
package io.herald.problem;
