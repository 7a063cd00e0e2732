/**
 * Liveness and readiness for load balancers and orchestrators (MicroProfile Health).
 * <p>
 * Readiness asks the broker, so once a broker depends on Redis a node that lost Redis stops taking
 * traffic instead of accepting publications it cannot store.
 */
package io.herald.health;
