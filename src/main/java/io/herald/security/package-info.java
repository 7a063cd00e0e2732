/**
 * Identities of connections and requests.
 * <p>
 * Every transport asks {@link io.herald.security.control.Identities} and nothing else, so that
 * authentication (MicroProfile JWT, connection tickets) changes one place.
 */
package io.herald.security;
