package io.herald.connection.entity;

import io.herald.delivery.entity.Frame;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The answer to a poll: the client's cursor after applying {@code frames} (herald.v1 frames, already
 * JSON text, so each publication is encoded once).
 */
public record PollAnswer(Cursor cursor, List<Frame> frames) {

    public PollAnswer {
        frames = List.copyOf(frames);
    }

    public boolean isEmpty() {
        return frames.isEmpty();
    }

    /** {@code {"cursor":"...","frames":[...]}}; cursors hold no character JSON would escape. */
    public String json() {
        String position = cursor.toString();
        int length = position.length() + 32;
        for (Frame frame : frames) {
            length += frame.json().length() + 1;
        }
        StringBuilder json = new StringBuilder(length)
                .append("{\"cursor\":\"")
                .append(position)
                .append("\",\"frames\":[");
        for (int i = 0; i < frames.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(frames.get(i).json());
        }
        return json.append("]}").toString();
    }

    /**
     * One SHA-256 per thread: {@code MessageDigest.getInstance} looks the algorithm up among the security
     * providers each time, which cost more than the hash itself (a tenth of a poll on Payara).
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    });

    /**
     * A strong ETag for the resulting cursor: equal cursors, equal tags, on every node and every version (the
     * first 22 characters of the unpadded base64url SHA-256 of the cursor's wire form).
     */
    public String etag() {
        byte[] hash = SHA_256.get().digest(cursor.toString().getBytes(StandardCharsets.UTF_8));
        // 17 bytes hold the 22 characters' 132 bits
        byte[] text = Base64.getUrlEncoder().withoutPadding().encode(Arrays.copyOf(hash, 17));
        return '"' + new String(text, 0, 22, StandardCharsets.ISO_8859_1) + '"';
    }
}
