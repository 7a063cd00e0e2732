/**
 * Liveness and readiness for load balancers and orchestrators (MicroProfile Health).
 * <p>
 * Readiness asks the broker, so once a broker depends on Redis a node that lost Redis stops taking
 * traffic instead of accepting publications it cannot store. It also asks the connections whether the node
 * drains: readiness goes down at the first moment of a drain (SIGTERM) and stays down, before any client is
 * moved (docs/operations.md).
 */
package io.herald.health;
