package io.herald.security.control;

import com.nimbusds.jose.JWSAlgorithm;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds bearer token verification from the settings operators already know: MicroProfile JWT's own
 * {@code mp.jwt.*} keys (read through MicroProfile Config, so from the same files, system properties and
 * environment variables as before), plus Herald's limits for fetching keys and remembering tokens. Each
 * default is set here only.
 */
@ApplicationScoped
public class TokenConfig {

    private static final System.Logger LOG = System.getLogger(TokenConfig.class.getName());

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey")
    Optional<String> publicKey;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    Optional<String> publicKeyLocation;

    /** MicroProfile JWT's default; ES256 is the other one the specification names. */
    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.algorithm", defaultValue = "RS256")
    String algorithm;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    Optional<String> issuer;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.audiences")
    Optional<String> audiences;

    /** Seconds; when unset, Herald's herald.security.clock-skew counts. */
    @Inject
    @ConfigProperty(name = "mp.jwt.verify.clock.skew")
    Optional<Long> clockSkew;

    /** Seconds since iat; unset: any age. */
    @Inject
    @ConfigProperty(name = "mp.jwt.verify.token.age")
    Optional<Long> tokenAge;

    @Inject
    @ConfigProperty(name = "mp.jwt.token.header", defaultValue = "Authorization")
    String tokenHeader;

    @Inject
    @ConfigProperty(name = "mp.jwt.token.cookie", defaultValue = "Bearer")
    String tokenCookie;

    /** A token is about 1 KB: 10,000 of them are about 15 MB at most, room for every caller of a busy node. */
    @Inject
    @ConfigProperty(name = "herald.security.token-cache-size", defaultValue = "10000")
    int tokenCacheSize;

    /** Connecting to, and each read from, the key URL: a hanging issuer delays a request by this, not forever. */
    @Inject
    @ConfigProperty(name = "herald.security.jwks-timeout", defaultValue = "PT3S")
    Duration jwksTimeout;

    /** A key set is a few KB; the bound keeps a wrong URL from filling the heap. */
    @Inject
    @ConfigProperty(name = "herald.security.jwks-max-bytes", defaultValue = "262144")
    int jwksMaxBytes;

    /** How long fetched keys are used before they are fetched again. */
    @Inject
    @ConfigProperty(name = "herald.security.jwks-refresh", defaultValue = "PT10M")
    Duration jwksRefresh;

    /** A token naming an unknown key fetches the keys again at most this often: forged kids cannot hammer the issuer. */
    @Inject
    @ConfigProperty(name = "herald.security.jwks-min-refresh", defaultValue = "PT30S")
    Duration jwksMinRefresh;

    @Inject
    SecurityConfig security;

    @Produces
    @Singleton
    TokenHeader tokenHeader() {
        return new TokenHeader("Cookie".equalsIgnoreCase(tokenHeader.trim()), tokenCookie.trim());
    }

    @Produces
    @Singleton
    Tokens tokens() {
        JWSAlgorithm accepted = JWSAlgorithm.parse(algorithm.trim());
        IssuerKeys keys = keys();
        if (!JWSAlgorithm.Family.RSA.contains(accepted) && !JWSAlgorithm.Family.EC.contains(accepted)) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "mp.jwt.verify.publickey.algorithm={0} is not a public key signature (RS256, ES256, …):"
                            + " every bearer token is refused",
                    accepted);
            keys = null;
        }
        TokenRules rules = new TokenRules(
                accepted,
                issuer.map(String::trim).filter(value -> !value.isEmpty()).orElse(null),
                audiences
                        .map(list -> Arrays.stream(list.split(","))
                                .map(String::trim)
                                .filter(value -> !value.isEmpty())
                                .collect(Collectors.toSet()))
                        .orElse(Set.of()),
                clockSkew.map(Duration::ofSeconds).orElse(security.clockSkew()),
                tokenAge.map(Duration::ofSeconds).orElse(null));
        return new Tokens(rules, keys, tokenCacheSize, Clock.systemUTC());
    }

    /** The issuer's keys as configured; null (every token refused) when none are, or they cannot be read. */
    private IssuerKeys keys() {
        Optional<String> inline = publicKey.filter(value -> !value.isBlank());
        Optional<String> location = publicKeyLocation.map(String::trim).filter(value -> !value.isEmpty());
        try {
            if (inline.isPresent()) {
                if (location.isPresent()) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "both mp.jwt.verify.publickey and mp.jwt.verify.publickey.location are set:"
                                    + " the key in mp.jwt.verify.publickey is used");
                }
                return IssuerKeys.fixed(KeyText.parse(inline.get()));
            }
            if (location.isEmpty()) {
                LOG.log(
                        System.Logger.Level.INFO,
                        "no mp.jwt.verify.publickey(.location) is set: every bearer token is refused");
                return null;
            }
            String where = location.get();
            if (where.startsWith("https://") || where.startsWith("http://")) {
                return IssuerKeys.fetched(
                        URI.create(where).toURL(), jwksTimeout, jwksMaxBytes, jwksRefresh, jwksMinRefresh);
            }
            return IssuerKeys.fixed(KeyText.parse(read(where)));
        } catch (IOException | IllegalArgumentException e) {
            // the message names the form or the file, never the key text
            LOG.log(
                    System.Logger.Level.WARNING,
                    "the issuer's key (mp.jwt.verify.publickey(.location)) cannot be read, every bearer token is"
                            + " refused: {0}",
                    e.getMessage());
            return null;
        }
    }

    /** A file (a path or a file: URL) or a class path resource ({@code classpath:} or a path that is no file). */
    private static String read(String location) throws IOException {
        if (location.startsWith("file:")) {
            return Files.readString(Path.of(URI.create(location)), StandardCharsets.UTF_8);
        }
        String resource = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        if (!location.startsWith("classpath:") && Files.isRegularFile(Path.of(location))) {
            return Files.readString(Path.of(location), StandardCharsets.UTF_8);
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource.startsWith("/") ? resource.substring(1) : resource)) {
            if (in == null) {
                throw new IOException("no file or class path resource " + location);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
