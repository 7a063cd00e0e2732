package io.herald.connection.entity;

import io.herald.channel.entity.ChannelName;
import io.herald.delivery.entity.Position;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The positions an HTTP client holds, as one string it sends with every request:
 * {@code news:a~5~Zx3_k,alerts:ops} (a channel alone has no position yet). Because the whole state
 * travels with each request, any node can answer it and no session is kept between requests.
 */
public record Cursor(List<Entry> entries) {

    /** One channel and the last position the client saw in it (null: none yet). */
    public record Entry(ChannelName channel, Position position) {}

    public Cursor {
        entries = List.copyOf(entries);
    }

    /**
     * Security: {@code raw} is untrusted. Items are counted before any is parsed, and each channel goes
     * through {@code channels} (which refuses invalid names and unknown namespaces).
     */
    public static Cursor parse(String raw, int maxChannels, Function<String, ChannelName> channels) {
        if (raw == null || raw.isBlank()) {
            throw new Refusal(ErrorCode.MISSING_FIELD, "cursor is required");
        }
        String[] items = raw.split(",", -1);
        if (items.length > maxChannels) {
            throw new Refusal(ErrorCode.TOO_MANY_CHANNELS, "at most " + maxChannels + " channels per cursor");
        }
        List<Entry> entries = new ArrayList<>(items.length);
        Set<ChannelName> seen = new HashSet<>();
        for (String item : items) {
            Entry entry = entry(item, channels);
            if (!seen.add(entry.channel())) {
                throw new Refusal(ErrorCode.INVALID_FIELD, "cursor names " + entry.channel() + " twice");
            }
            entries.add(entry);
        }
        return new Cursor(entries);
    }

    private static Entry entry(String item, Function<String, ChannelName> channels) {
        String[] parts = item.split("~", -1);
        if (parts.length != 1 && parts.length != 3) {
            throw new Refusal(ErrorCode.INVALID_FIELD, "a cursor item is channel or channel~offset~epoch");
        }
        if (parts[0].isEmpty()) {
            throw new Refusal(ErrorCode.INVALID_FIELD, "a cursor item has no channel");
        }
        ChannelName channel = channels.apply(parts[0]);
        if (parts.length == 1) {
            return new Entry(channel, null);
        }
        long offset = offset(parts[1]);
        if (offset < 0) {
            throw new Refusal(ErrorCode.INVALID_FIELD, "a cursor offset is a whole number from 0 to 2^63-1");
        }
        if (!epoch(parts[2])) {
            throw new Refusal(ErrorCode.INVALID_FIELD, "a cursor epoch is 1-64 characters of A-Z a-z 0-9 _ -");
        }
        return new Entry(channel, new Position(offset, parts[2]));
    }

    /** 1-19 digits up to 2^63-1, or -1 (checked by hand: a regular expression cost more than the rest of a poll's parsing). */
    private static long offset(String digits) {
        if (digits.isEmpty() || digits.length() > 19) {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return -1; // beyond 2^63-1
        }
    }

    /** 1-64 characters of A-Z a-z 0-9 _ -. */
    private static boolean epoch(String text) {
        if (text.isEmpty() || text.length() > 64) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** This cursor with {@code channel} moved to {@code position}; channels it does not name are added. */
    public Cursor with(ChannelName channel, Position position) {
        List<Entry> moved = new ArrayList<>(entries.size() + 1);
        boolean found = false;
        for (Entry entry : entries) {
            if (entry.channel().equals(channel)) {
                moved.add(new Entry(channel, position));
                found = true;
            } else {
                moved.add(entry);
            }
        }
        if (!found) {
            moved.add(new Entry(channel, position));
        }
        return new Cursor(moved);
    }

    /** The wire form, which {@link #parse} reads back to an equal cursor. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(entries.size() * 40);
        for (Entry entry : entries) {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(entry.channel());
            if (entry.position() != null) {
                text.append('~')
                        .append(entry.position().offset())
                        .append('~')
                        .append(entry.position().epoch());
            }
        }
        return text.toString();
    }
}
