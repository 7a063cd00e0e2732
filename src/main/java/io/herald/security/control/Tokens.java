package io.herald.security.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyConverter;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.entity.Identity;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Verifies bearer tokens with the operator's MicroProfile JWT settings ({@link TokenRules}) and hands out
 * the identity they carry ({@link Identities}). The algorithm is the configured one, never the token's
 * choice: {@code none}, HMAC and any other algorithm than the configured one do not verify. Required:
 * a valid signature by an issuer key, {@code exp}; checked when configured: {@code iss}, {@code aud}, the
 * token's age from {@code iat}; checked when present: {@code nbf} and {@code iat} not ahead of the clock
 * (each with the clock skew). A verified token's identity is remembered until it expires
 * ({@link VerifiedTokens}), so the same token costs one signature check, not one per request.
 * Rejected: the container's MicroProfile JWT (it authenticated every request, even those without a
 * token, at about a third of a cheap request's CPU on Payara; its behaviour differed per server).
 */
public final class Tokens {

    private static final System.Logger LOG = System.getLogger(Tokens.class.getName());

    private final TokenRules rules;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final VerifiedTokens verified;
    private final Clock clock;

    public Tokens(TokenRules rules, IssuerKeys keys, int cacheSize, Clock clock) {
        this.rules = rules;
        this.verified = new VerifiedTokens(cacheSize);
        this.clock = clock;
        JWSAlgorithm algorithm = rules.algorithm();
        processor.setJWSTypeVerifier(
                new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        processor.setJWSKeySelector((header, context) -> keys == null || !algorithm.equals(header.getAlgorithm())
                ? List.of()
                : KeyConverter.toJavaKeys(keys.candidates(header)));
        DefaultJWTClaimsVerifier<SecurityContext> claims =
                new DefaultJWTClaimsVerifier<>(
                        // mutable sets: Nimbus asks them whether they contain null
                        rules.audiences().isEmpty() ? null : new HashSet<>(rules.audiences()),
                        rules.issuer() == null
                                ? new JWTClaimsSet.Builder().build()
                                : new JWTClaimsSet.Builder()
                                        .issuer(rules.issuer())
                                        .build(),
                        new HashSet<>(Set.of("exp")),
                        null) {
                    @Override
                    protected Date currentTime() {
                        return Date.from(clock.instant());
                    }
                };
        claims.setMaxClockSkew((int) Math.min(Integer.MAX_VALUE, rules.skew().toSeconds()));
        processor.setJWTClaimsSetVerifier(claims);
    }

    /**
     * The identity of a bearer token. Security: the token is untrusted; it is never logged, and only a
     * token that verified is remembered.
     *
     * @throws Refusal unauthenticated when the token does not verify or Herald cannot read its claims;
     *     unavailable when the issuer's keys cannot be fetched now
     */
    public Identity identify(String token) {
        long now = clock.instant().getEpochSecond();
        Identity known = verified.find(token, now);
        if (known != null) {
            return known;
        }
        // the claims' JSON types first: a signed token whose claims Herald cannot read is refused the same
        // way on every server, with the claim it is about
        ClaimTypes.check(token);
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (IssuerKeys.Unavailable e) {
            throw new Refusal(ErrorCode.UNAVAILABLE, "the token issuer's keys cannot be fetched now; retry later");
        } catch (BadJWTException e) {
            LOG.log(System.Logger.Level.DEBUG, "bearer token refused: {0}", e.getMessage());
            throw refused(e.getMessage());
        } catch (ParseException | BadJOSEException | JOSEException e) {
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "bearer token refused: {0}",
                    e.getClass().getSimpleName());
            throw refused("");
        }
        long until = lifetime(claims, now);
        Identity identity = Identities.ofClaims(ClaimTypes.claims(token));
        verified.keep(token, identity, until, now);
        return identity;
    }

    /** Until when (epoch seconds) the token stays valid; checks {@code iat} and the token age. */
    private long lifetime(JWTClaimsSet claims, long now) {
        long skew = rules.skew().toSeconds();
        long until = claims.getExpirationTime().toInstant().getEpochSecond() + skew;
        Date issued = claims.getIssueTime();
        if (issued != null && issued.toInstant().getEpochSecond() > now + skew) {
            throw refused("issued in the future");
        }
        if (rules.maxAge() != null) {
            if (issued == null) {
                throw refused("no iat");
            }
            long old = issued.toInstant().getEpochSecond() + rules.maxAge().toSeconds() + skew;
            if (now >= old) {
                throw new Refusal(ErrorCode.UNAUTHENTICATED, "the token is too old");
            }
            until = Math.min(until, old);
        }
        return until;
    }

    /** Says why where that helps a client (expired, not yet valid); otherwise no detail. */
    private static Refusal refused(String why) {
        String message = why == null ? "" : why;
        if (message.contains("Expired")) {
            return new Refusal(ErrorCode.UNAUTHENTICATED, "the token has expired");
        }
        if (message.contains("before use time")) {
            return new Refusal(ErrorCode.UNAUTHENTICATED, "the token is not valid yet");
        }
        return new Refusal(ErrorCode.UNAUTHENTICATED, "the token was not accepted");
    }
}
