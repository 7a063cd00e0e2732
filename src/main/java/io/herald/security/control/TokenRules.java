package io.herald.security.control;

import com.nimbusds.jose.JWSAlgorithm;
import java.time.Duration;
import java.util.Set;

/**
 * What a bearer token must satisfy, from the operator's MicroProfile JWT settings.
 *
 * @param algorithm the one signature algorithm accepted ({@code mp.jwt.verify.publickey.algorithm})
 * @param issuer    the {@code iss} required ({@code mp.jwt.verify.issuer}); null: any
 * @param audiences one of which {@code aud} must name ({@code mp.jwt.verify.audiences}); empty: any
 * @param skew      how far the node's and the issuer's clocks may differ, for {@code exp}, {@code nbf}, {@code iat}
 * @param maxAge    how old ({@code iat}) a token may be ({@code mp.jwt.verify.token.age}); null: any age
 */
public record TokenRules(JWSAlgorithm algorithm, String issuer, Set<String> audiences, Duration skew, Duration maxAge) {

    public TokenRules {
        audiences = Set.copyOf(audiences);
    }
}
