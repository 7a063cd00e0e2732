package io.herald.connection.entity;

import io.herald.delivery.entity.Frame;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

    /** A strong ETag for the resulting cursor: equal cursors, equal tags, on every node. */
    public String etag() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(cursor.toString().getBytes(StandardCharsets.UTF_8));
            return '"'
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(hash)
                            .substring(0, 22)
                    + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
