/**
 * Identities of connections and requests, tickets and origins.
 * <p>
 * Every transport asks {@link io.herald.security.control.Identities} and nothing else: the JWT that
 * MicroProfile JWT verified (the container does the cryptography, with the operator's
 * {@code mp.jwt.verify.*} settings), else a redeemed ticket, else anonymous. What an identity may do
 * with a channel is decided by {@link io.herald.channel.control.ChannelPolicy}, not here.
 * <p>
 * Browsers cannot send {@code Authorization} on a WebSocket or an EventSource, so they exchange their
 * token for a single-use ticket ({@link io.herald.security.control.Tickets}), held in memory on one node.
 * Rejected: a JWT in the query string (it lands in access logs and stays valid for its lifetime) and a
 * JWT as a subprotocol (the same, in proxy logs). A refresh inside a connection also carries a ticket,
 * because MicroProfile JWT 2.1 gives applications no token parser on Payara; verifying tokens ourselves
 * would duplicate the container's key handling. Payara's MP-JWT ignores {@code nbf}: Herald checks it.
 * <p>
 * Limits against floods: a {@link io.herald.security.control.TokenBucket} per connection (held by the
 * connection, so it needs no lookup and goes with it) or per caller of {@code POST /api/client}
 * ({@link io.herald.security.control.Throttles}); connection {@link io.herald.security.control.Quotas} per
 * user and address; a handshake budget per node ({@link io.herald.security.control.Handshakes}). All are
 * per node. Rejected: counting in Redis across the cluster, which would put a round trip on every frame
 * and connect, while a per-node limit times the node count is still a bound.
 * <p>
 * Devices (kiosk displays) are not users: an administrator provisions each one
 * ({@link io.herald.security.control.Provisioning}) and gets a random token that Herald keeps only as a
 * SHA-256 ({@link io.herald.security.control.DeviceCredentials}), in memory or, through
 * {@link io.herald.security.control.DevicesProvider}, in Redis. The entry filter verifies
 * {@code Authorization: Device} and hands the request on with a {@link io.herald.security.entity.DevicePrincipal},
 * so every resource gets the device from {@code Identities} like a JWT; the identity carries the
 * device record, so users and devices are told apart by kind, never by name. Revocation is a store
 * change plus a re-check of live connections. Rejected: device JWTs signed by Herald (not revocable before
 * they expire without a store anyway) and devices as users of the SSO (a display would hold a person's
 * kind of credential, and the IdP's lifetimes are made for people).
 * <p>
 * The device API reads its body with {@link io.herald.problem.control.JsonText#utf8} and {@code parse}, as
 * every JSON from clients is read (UTF-8 only, 64 levels at most). The pure parts of credential handling
 * ({@code DeviceCredentials.token}, the token's shape, ticket lookup) are fuzzed (CredentialsFuzzTest).
 */
package io.herald.security;
