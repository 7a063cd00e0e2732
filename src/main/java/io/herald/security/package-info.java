/**
 * Identities of connections and requests, tickets and origins.
 * <p>
 * Every transport asks {@link io.herald.security.control.Identities} and nothing else: the JWT that
 * MicroProfile JWT verified (the container does the cryptography, with the operator's
 * {@code mp.jwt.verify.*} settings), else a redeemed ticket, else anonymous. What an identity may do
 * with a channel is decided by {@link io.herald.channel.control.ChannelPolicy}, not here.
 * <p>
 * Requests and WebSocket upgrades pass three servlet filters in {@code security.boundary}, in the order
 * {@code WEB-INF/web.xml} maps them: {@code UpgradeGate} (the node's handshake budget, first so that a
 * reconnect storm costs the least), {@code OriginGate} (origins, CORS, preflights) and
 * {@code CredentialGate} (bearer on Open Liberty, {@code nbf}, tickets offered on the upgrade, device
 * tokens). Origins come before credentials: a page elsewhere learns nothing about a credential, and a
 * page that may call gets CORS headers on a 401 too, so it can read it. These were one filter in
 * {@code connection.boundary} with seven jobs; the decisions are this component's, one job a filter.
 * Rejected: {@code @WebFilter} on each, whose order no specification defines; one filter calling the
 * others in code, which hides from the deployment descriptor what runs in front of the application.
 * The JAX-RS resources get their caller from the request-scoped {@code Caller}, which reads the
 * principal that passed {@code CredentialGate} and redeems a {@code ?ticket=} where a transport takes
 * one. Rejected: a {@code @RequestScoped} producer of {@code Identity}, which CDI cannot proxy (a record
 * is final), and a {@code @Dependent} one, which the application-scoped resources would keep for good.
 * <p>
 * The container reads the credential header before any filter runs (Payara and WildFly authenticate
 * through Jakarta Authentication in front of the filter chain). So two rules that must hold on every
 * server are applied where the container reads: {@code AuthenticationSchemes} wraps the application's
 * Jakarta Authentication provider where there is one, so that the bearer scheme is read in any case (RFC
 * 9110 §11.1; Payara's MP-JWT takes only {@code Bearer}) and a bearer token whose claims Herald reads have
 * the wrong JSON type never reaches the container's mechanism (WildFly's answers it with 500): it is
 * marked, and {@code CredentialGate} refuses it with Herald's 401. {@code CredentialGate} checks the same
 * claim types again on the principal, for servers without the provider (Open Liberty, which reads the
 * scheme case-insensitively itself). Rejected: a
 * filter that respells the header (too late on Payara and WildFly: the container's
 * {@code request.authenticate} reads its own request, not a filter's wrapper), and verifying tokens in
 * Herald (a second copy of the container's key handling).
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
 * and connect, while a per-node limit times the node count is still a bound. Tests read a quota through
 * what a client could still open, not through counters kept here for them.
 * <p>
 * Devices (kiosk displays) are not users: an administrator provisions each one
 * ({@link io.herald.security.control.Provisioning}) and gets a random token that Herald keeps only as a
 * SHA-256 ({@link io.herald.security.control.DeviceCredentials}), in memory or, through
 * {@link io.herald.security.control.DevicesProvider}, in Redis. {@code CredentialGate} verifies
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
