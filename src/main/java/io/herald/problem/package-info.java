/**
 * The documented error codes shared by every transport and the REST API.
 * <p>
 * Control code throws {@link io.herald.problem.entity.Refusal}; each boundary maps it once: the
 * WebSocket to an {@code error} frame (the connection stays open), JAX-RS to a status and a JSON
 * body. Rejected: per-transport error types, which let the transports drift apart.
 * <p>
 * {@link io.herald.problem.control.JsonText} is the one reader of JSON from clients (frames, REST bodies):
 * bodies must be UTF-8 (refused as {@code malformed}, not read as U+FFFD, so HTTP and WebSocket agree), and
 * values are built from the parser's events, which gives Herald its own nesting limit (64, a protocol
 * constant) and numbers that write themselves as the client wrote them (so a numeric {@code ref} is echoed
 * unchanged). Any failure of the parser on such input is {@code malformed}, logged in one short line at
 * most once a minute. Rejected: the parser's own depth limit, which differs between JSON-P implementations
 * and versions, can be changed by a system property, and surfaced as an undeclared RuntimeException that
 * became {@code internal} with a stack trace as deep as the input (75 KB a frame); and a nesting setting,
 * since clients must be able to rely on the limit on every node and server.
 * <p>
 * What the container or JAX-RS answer without Herald (a path, method
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
