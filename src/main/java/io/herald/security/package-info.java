/**
 * Identities of connections and requests, tickets and origins.
 * <p>
 * Every transport asks {@link io.herald.security.control.Identities} and nothing else: the caller whose
 * bearer token Herald verified, or whose device token it looked up, else a redeemed ticket, else
 * anonymous. What an identity may do with a channel is decided by
 * {@link io.herald.channel.control.ChannelPolicy}, not here.
 * <p>
 * Requests and WebSocket upgrades pass three servlet filters in {@code security.boundary}, in the order
 * {@code WEB-INF/web.xml} maps them: {@code UpgradeGate} (the node's handshake budget, first so that a
 * reconnect storm costs the least), {@code OriginGate} (origins, CORS, preflights) and
 * {@code CredentialGate} (bearer tokens, tickets offered on the upgrade, device tokens). Origins come
 * before credentials: a page elsewhere learns nothing about a credential, and a page that may call gets
 * CORS headers on a 401 too, so it can read it. These were one filter in {@code connection.boundary}
 * with seven jobs; the decisions are this component's, one job a filter. Rejected: {@code @WebFilter} on
 * each, whose order no specification defines; one filter calling the others in code, which hides from
 * the deployment descriptor what runs in front of the application. The JAX-RS resources get their caller
 * from the request-scoped {@code Caller}, which reads the principal that passed {@code CredentialGate}
 * and redeems a {@code ?ticket=} where a transport takes one. Rejected: a {@code @RequestScoped}
 * producer of {@code Identity}, which CDI cannot proxy (a record is final), and a {@code @Dependent}
 * one, which the application-scoped resources would keep for good.
 * <p>
 * Bearer tokens are verified by Herald ({@link io.herald.security.control.Tokens}, with Nimbus JOSE+JWT
 * inside the WAR), with the settings operators know from MicroProfile JWT ({@code mp.jwt.verify.*},
 * through MicroProfile Config): the configured algorithm only, issuer, audiences, {@code exp},
 * {@code nbf}, {@code iat}, the JSON types of the claims Herald reads. A verified token's identity is
 * remembered until it expires, so a publisher sending the same token on every request pays one
 * signature check. Keys at an http(s) URL are fetched with a bounded wait, kept, and fetched again when
 * a token names an unknown key, at most once per {@code herald.security.jwks-min-refresh}. Rejected: the
 * container's MicroProfile JWT ({@code @LoginConfig}), which Herald used until the cost of every request
 * was profiled: on Payara and WildFly it ran on every request, with or without a token (on Payara about a
 * third of a cheap request's CPU: Jakarta Authentication, a JNDI lookup and {@code CDI.current()} per
 * request), and each server differed in what it checked ({@code nbf}, claim types, the scheme's case), so
 * Herald needed wrappers around the container's authentication to make them agree. Nimbus over jose4j:
 * Nimbus is already what the tests sign with, one jar without dependencies, and the version Payara bundles
 * (so which copy Payara loads does not change the behaviour); WildFly and Open Liberty keep their own JOSE
 * libraries out of a deployment that does not use their MicroProfile JWT.
 * <p>
 * Browsers cannot send {@code Authorization} on a WebSocket or an EventSource, so they exchange their
 * token for a single-use ticket ({@link io.herald.security.control.Tickets}), held in memory on one node.
 * Rejected: a JWT in the query string (it lands in access logs and stays valid for its lifetime) and a
 * JWT as a subprotocol (the same, in proxy logs). A refresh inside a connection also carries a ticket,
 * so that no token travels in a frame.
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
 * {@code Authorization: Device} and hands the request on with a {@link io.herald.security.entity.CallerPrincipal},
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
