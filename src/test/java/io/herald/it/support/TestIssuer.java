package io.herald.it.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * An SSO issuer for tests: an RSA key pair made for this run, tokens signed with it, and the forged
 * tokens an attacker would try. Remembers every token it hands out, so a test can look for them in logs.
 */
public final class TestIssuer {

    public static final String ISSUER = "https://sso.herald.test";
    public static final String AUDIENCE = "herald";

    private final KeyPair keys = rsa();
    private final KeyPair stranger = rsa();
    private final Set<String> issued = ConcurrentHashMap.newKeySet();

    private Path keyFile;

    /**
     * The public key as a PEM file, where an operator would put the key of an issuer without a JWKS URL.
     * A file rather than the key inline: a PEM's line breaks do not survive every server's way of passing
     * system properties (Open Liberty's jvm.options keeps a backslash-n as two characters).
     */
    public synchronized Path publicKeyFile() {
        if (keyFile == null) {
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(keys.getPublic().getEncoded());
            try {
                Path folder = Files.createDirectories(Path.of("target", "it-keys"));
                keyFile = folder.resolve("issuer-" + UUID.randomUUID() + ".pem").toAbsolutePath();
                Files.writeString(keyFile, "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return keyFile;
    }

    /** MicroProfile JWT settings (system properties) that trust this issuer (RS256). */
    public List<String> settings() {
        return List.of(
                "mp.jwt.verify.publickey.location=" + publicKeyFile().toUri(),
                "mp.jwt.verify.issuer=" + ISSUER,
                "mp.jwt.verify.audiences=" + AUDIENCE,
                "mp.jwt.verify.publickey.algorithm=RS256");
    }

    public String valid(String subject, String... groups) {
        return valid(subject, Duration.ofMinutes(5), groups);
    }

    public String valid(String subject, Duration lifetime, String... groups) {
        return sign(claims(subject, lifetime, groups).build(), new RSASSASigner(keys.getPrivate()), JWSAlgorithm.RS256);
    }

    /** A token signed with the right key after {@code change} altered its claims. */
    public String altered(String subject, UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(
                change.apply(claims(subject, Duration.ofMinutes(5))).build(),
                new RSASSASigner(keys.getPrivate()),
                JWSAlgorithm.RS256);
    }

    public String unsigned(String subject) {
        return remember(new PlainJWT(claims(subject, Duration.ofMinutes(5)).build()).serialize());
    }

    /** HS256 with the public key text as the shared secret: the classic algorithm-confusion forgery. */
    public String hmacWithPublicKey(String subject) {
        try {
            byte[] secret = Files.readAllBytes(publicKeyFile());
            return sign(claims(subject, Duration.ofMinutes(5)).build(), new MACSigner(secret), JWSAlgorithm.HS256);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String signedByStranger(String subject) {
        return sign(
                claims(subject, Duration.ofMinutes(5)).build(),
                new RSASSASigner(stranger.getPrivate()),
                JWSAlgorithm.RS256);
    }

    public Set<String> issued() {
        return Set.copyOf(issued);
    }

    private static JWTClaimsSet.Builder claims(String subject, Duration lifetime, String... groups) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .claim("upn", subject)
                .claim("groups", List.of(groups))
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)));
    }

    private String sign(JWTClaimsSet claims, JWSSigner signer, JWSAlgorithm algorithm) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(signer);
            return remember(jwt.serialize());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String remember(String token) {
        issued.add(token);
        return token;
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
