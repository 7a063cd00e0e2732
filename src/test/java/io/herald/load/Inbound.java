package io.herald.load;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Reading herald.v1 frames, whatever the transport. Publications take a fast path (fields found by
 * position: Herald writes compact JSON in a fixed order) so that one client core can count 100,000
 * a second; {@code subscribed} frames are parsed.
 */
final class Inbound {

    private static final String PUBLICATION = "{\"type\":\"publication\"";

    private Inbound() {}

    /** Applies the frame in {@code text[start, end)} if it is a publication; false if it is another frame. */
    static boolean publication(String text, int start, int end, Tally tally, Run run) {
        if (!text.startsWith(PUBLICATION, start)) {
            return false;
        }
        long now = System.nanoTime();
        String channel = string(text, "\"channel\":\"", start);
        long offset = number(text, "\"offset\":", start, end);
        String epoch = string(text, "\"epoch\":\"", start);
        long sent = number(text, "\"data\":{\"t\":", start, end);
        tally.publication(channel, offset, epoch);
        if (sent != Long.MIN_VALUE) {
            run.delivered(sent, now, tally.node());
        }
        return true;
    }

    /** A {@code subscribed} frame: its publications first, then the position it states. */
    static void subscribed(JsonObject frame, Tally tally, Run run) {
        long now = System.nanoTime();
        for (JsonValue value : frame.getJsonArray("publications")) {
            JsonObject p = value.asJsonObject();
            tally.publication(p.getString("channel"), p.getJsonNumber("offset").longValue(), p.getString("epoch"));
            if (p.get("data") instanceof JsonObject o && o.get("t") instanceof JsonNumber t) {
                run.delivered(t.longValue(), now, tally.node());
            }
        }
        tally.subscribed(
                frame.getString("channel"),
                frame.getJsonNumber("offset").longValue(),
                frame.getString("epoch"),
                frame.getBoolean("recovered"));
    }

    private static String string(String text, String key, int from) {
        int at = text.indexOf(key, from) + key.length();
        return text.substring(at, text.indexOf('"', at));
    }

    /** The whole number after {@code key} before {@code end}, or Long.MIN_VALUE when the key is absent. */
    private static long number(String text, String key, int from, int end) {
        int at = text.indexOf(key, from);
        if (at < 0 || at >= end) {
            return Long.MIN_VALUE;
        }
        at += key.length();
        long value = 0;
        boolean negative = text.charAt(at) == '-';
        for (int i = negative ? at + 1 : at; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
        }
        return negative ? -value : value;
    }
}
