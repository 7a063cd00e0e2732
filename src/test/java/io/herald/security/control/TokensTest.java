package io.herald.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.entity.Identity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Bearer tokens as Herald verifies them: what passes, what is refused and why, with keys fixed or fetched. */
class TokensTest {

    static final String ISSUER = "https://sso.herald.test";
    static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    final RSAKey rsa = rsa("a");
    final MovingClock clock = new MovingClock(NOW);

    Tokens tokens = tokens(JWSAlgorithm.RS256, IssuerKeys.fixed(new JWKSet(rsa.toPublicJWK())));

    Tokens tokens(JWSAlgorithm algorithm, IssuerKeys keys) {
        return new Tokens(
                new TokenRules(algorithm, ISSUER, Set.of("herald"), Duration.ofSeconds(30), null), keys, 100, clock);
    }

    @Test
    void aValidTokenGivesItsIdentity() {
        Identity identity = tokens.identify(sign(rsa, claims("alice").claim("groups", List.of("red"))));
        assertEquals("alice", identity.subject());
        assertEquals(Set.of("red"), identity.groups());
        assertEquals(NOW.plusSeconds(300), identity.expiry());
    }

    @Test
    void aBadSignatureIsRefused() {
        assertRefused("the token was not accepted", sign(rsa("a"), claims("mallory")));
    }

    @Test
    void onlyTheConfiguredAlgorithmVerifies() throws JOSEException {
        assertRefused(
                "the token was not accepted", new PlainJWT(claims("mallory").build()).serialize());
        byte[] publicKey = rsa.toPublicJWK().toJSONString().getBytes();
        SignedJWT hmac = new SignedJWT(
                new JWSHeader(JWSAlgorithm.HS256), claims("mallory").build());
        hmac.sign(new MACSigner(java.util.Arrays.copyOf(publicKey, 64)));
        assertRefused("the token was not accepted", hmac.serialize());
        assertRefused("the token was not accepted", sign(rsa, JWSAlgorithm.RS512, claims("mallory")));
        ECKey ec = ec();
        Tokens es256 = tokens(JWSAlgorithm.ES256, IssuerKeys.fixed(new JWKSet(ec.toPublicJWK())));
        assertEquals(
                "bob",
                es256.identify(sign(ec, JWSAlgorithm.ES256, claims("bob"))).subject());
        assertThrows(Refusal.class, () -> es256.identify(sign(rsa, claims("bob"))));
    }

    @Test
    void theIssuerAndTheAudienceMustMatch() {
        assertRefused("the token was not accepted", sign(rsa, claims("mallory").issuer("https://evil.test")));
        assertRefused("the token was not accepted", sign(rsa, claims("mallory").audience("someone-else")));
        assertRefused("the token was not accepted", sign(rsa, claims("mallory").audience((String) null)));
    }

    @Test
    void expiryIsRequiredAndCheckedWithTheSkew() {
        assertRefused("the token was not accepted", sign(rsa, claims("mallory").expirationTime(null)));
        assertRefused("the token has expired", sign(rsa, claims("mallory").expirationTime(ago(31))));
        assertEquals(
                "alice",
                tokens.identify(sign(rsa, claims("alice").expirationTime(ago(29))))
                        .subject());
    }

    @Test
    void notBeforeAndIssuedAtMayNotBeAheadBeyondTheSkew() {
        assertRefused("the token is not valid yet", sign(rsa, claims("mallory").notBeforeTime(ahead(31))));
        assertRefused("the token was not accepted", sign(rsa, claims("mallory").issueTime(ahead(31))));
        assertEquals(
                "alice",
                tokens.identify(sign(
                                rsa, claims("alice").notBeforeTime(ahead(29)).issueTime(ahead(29))))
                        .subject());
    }

    @Test
    void aTokenOlderThanTheConfiguredAgeIsRefused() {
        Tokens young = new Tokens(
                new TokenRules(JWSAlgorithm.RS256, null, Set.of(), Duration.ZERO, Duration.ofMinutes(10)),
                IssuerKeys.fixed(new JWKSet(rsa.toPublicJWK())),
                100,
                clock);
        assertEquals(
                "alice",
                young.identify(sign(rsa, claims("alice").issueTime(ago(599)))).subject());
        assertThrows(Refusal.class, () -> young.identify(sign(rsa, claims("bob").issueTime(ago(600)))));
        assertThrows(Refusal.class, () -> young.identify(sign(rsa, claims("bob").issueTime(null))));
    }

    @Test
    void misshapenClaimsAreRefusedNamingTheClaim() {
        assertRefused(
                "the token's sub claim is not a string", sign(rsa, claims("x").claim("sub", 42)));
        assertRefused("the token names no subject", sign(rsa, claims(null)));
    }

    @Test
    void aRememberedTokenIsDroppedWhenItExpires() {
        String token = sign(rsa, claims("alice").expirationTime(ahead(60)));
        assertEquals("alice", tokens.identify(token).subject());
        clock.move(Duration.ofSeconds(89));
        assertEquals("alice", tokens.identify(token).subject());
        clock.move(Duration.ofSeconds(1));
        assertRefused("the token has expired", token);
    }

    @Test
    void aTokenIsVerifiedOnceThenRemembered() throws Exception {
        try (KeyServer issuer = new KeyServer()) {
            issuer.serve(new JWKSet(rsa.toPublicJWK()));
            // keys fetched on every look-up: only a remembered token spares the fetch
            Tokens fetching = tokens(
                    JWSAlgorithm.RS256,
                    IssuerKeys.fetched(issuer.url(), Duration.ofSeconds(5), 65536, Duration.ZERO, Duration.ZERO));
            String token = sign(rsa, claims("alice"));
            fetching.identify(token);
            fetching.identify(token);
            assertEquals(1, issuer.fetches());
            fetching.identify(sign(rsa, claims("bob")));
            assertEquals(2, issuer.fetches());
        }
    }

    @Test
    void aNewKeyIsFetchedWhenATokenNamesItAtMostOncePerMinRefresh() throws Exception {
        try (KeyServer issuer = new KeyServer()) {
            issuer.serve(new JWKSet(rsa.toPublicJWK()));
            Tokens fetching = tokens(
                    JWSAlgorithm.RS256,
                    IssuerKeys.fetched(
                            issuer.url(), Duration.ofSeconds(5), 65536, Duration.ofHours(1), Duration.ofHours(1)));
            assertEquals("alice", fetching.identify(sign(rsa, claims("alice"))).subject());
            RSAKey rotated = rsa("b");
            issuer.serve(new JWKSet(List.of(rsa.toPublicJWK(), rotated.toPublicJWK())));
            assertEquals("bob", fetching.identify(sign(rotated, claims("bob"))).subject());
            assertEquals(2, issuer.fetches());
            Refusal unknown = assertThrows(Refusal.class, () -> fetching.identify(sign(rsa("c"), claims("mallory"))));
            assertEquals(ErrorCode.UNAUTHENTICATED, unknown.code());
            assertEquals(2, issuer.fetches(), "an unknown key within min-refresh fetches nothing");
        }
    }

    @Test
    void aKeyUrlThatNeverAnswersCostsABoundedWaitAndAnswersUnavailable() throws Exception {
        try (KeyServer silent = KeyServer.silent()) {
            Tokens fetching = tokens(
                    JWSAlgorithm.RS256,
                    IssuerKeys.fetched(
                            silent.url(), Duration.ofMillis(200), 65536, Duration.ofHours(1), Duration.ofHours(1)));
            String token = sign(rsa, claims("alice"));
            Refusal refused = assertTimeoutPreemptively(
                    Duration.ofSeconds(30), () -> assertThrows(Refusal.class, () -> fetching.identify(token)));
            assertEquals(ErrorCode.UNAVAILABLE, refused.code());
            // no second wait within min-refresh: refused at once
            assertEquals(
                    ErrorCode.UNAVAILABLE,
                    assertThrows(Refusal.class, () -> fetching.identify(token)).code());
            assertEquals(1, silent.fetches());
        }
    }

    @Test
    void keysAreReadInEveryFormMicroProfileJwtAllows() throws Exception {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getMimeEncoder()
                        .encodeToString(rsa.toPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        String token = sign(rsa, claims("alice"));
        for (String text : List.of(
                pem,
                rsa.toPublicJWK().toJSONString(),
                new JWKSet(rsa.toPublicJWK()).toString(),
                java.util.Base64.getUrlEncoder()
                        .encodeToString(rsa.toPublicJWK().toJSONString().getBytes()))) {
            Tokens fromText = tokens(JWSAlgorithm.RS256, IssuerKeys.fixed(KeyText.parse(text)));
            assertEquals("alice", fromText.identify(token).subject(), text);
        }
        assertThrows(IllegalArgumentException.class, () -> KeyText.parse("not a key"));
    }

    // ---- helpers ----

    private void assertRefused(String message, String token) {
        Refusal refused = assertThrows(Refusal.class, () -> tokens.identify(token));
        assertEquals(ErrorCode.UNAUTHENTICATED, refused.code());
        assertEquals(message, refused.getMessage());
    }

    static JWTClaimsSet.Builder claims(String subject) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience("herald")
                .subject(subject)
                .issueTime(Date.from(NOW))
                .expirationTime(Date.from(NOW.plusSeconds(300)));
    }

    static String sign(JWK key, JWTClaimsSet.Builder claims) {
        return sign(key, JWSAlgorithm.RS256, claims);
    }

    static String sign(JWK key, JWSAlgorithm algorithm, JWTClaimsSet.Builder claims) {
        try {
            JWSSigner signer = key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), claims.build());
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static ECKey ec() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("e").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private Date ago(long seconds) {
        return Date.from(clock.instant().minusSeconds(seconds));
    }

    private Date ahead(long seconds) {
        return Date.from(clock.instant().plusSeconds(seconds));
    }

    /** A clock a test moves on. */
    static final class MovingClock extends Clock {

        private Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
