package io.herald.security.control;

import io.herald.metrics.control.Meters;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.entity.Identity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Device tokens: {@code hdt_} and 256 random bits (base64url), presented as {@code Authorization: Device
 * <token>}. Herald keeps only a token's SHA-256 and looks a presented token up by its hash, so a copy of
 * the store (or of Redis) gives no usable token. A plain hash suffices because the token is random, not a
 * password: nothing to guess, so no salt or slow hash. Rejected: a JWT signed by Herald for devices, which
 * could not be revoked before it expires without a deny list, i.e. a store anyway.
 */
public final class DeviceCredentials {

    /** The scheme of the {@code Authorization} header that carries a device token. */
    public static final String SCHEME = "Device";
    /** What a refused device token is counted as in {@code herald.security.violations}. */
    public static final String VIOLATION = "device_token";

    private static final Pattern SHAPE = Pattern.compile("hdt_[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Devices devices;
    private final Meters meters;

    public DeviceCredentials(Devices devices, Meters meters) {
        this.devices = devices;
        this.meters = meters;
    }

    /** A new device token. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "hdt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SHA-256 of a token, in hex: what the store keeps and looks up. */
    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * The token of an {@code Authorization} header value with the Device scheme (case-insensitive, as
     * every HTTP auth scheme); null for another scheme or none. Security: the value is an untrusted header.
     */
    public static String token(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME + " ", 0, SCHEME.length() + 1)) {
            return null;
        }
        return authorization.substring(SCHEME.length() + 1).trim();
    }

    /**
     * The identity of a device token.
     * Security: {@code token} is untrusted; only a token of the right shape is hashed and looked up, and
     * it is never logged.
     *
     * @throws Refusal unauthenticated for a malformed, unknown, replaced or revoked token; unavailable
     *                 when the store cannot be reached
     */
    public Identity identify(String token) {
        if (token == null || !SHAPE.matcher(token).matches()) {
            throw refused();
        }
        return devices.byToken(hash(token)).map(Identity::of).orElseThrow(this::refused);
    }

    private Refusal refused() {
        meters.violation(VIOLATION);
        return new Refusal(ErrorCode.UNAUTHENTICATED, "the device token is unknown or revoked");
    }
}
