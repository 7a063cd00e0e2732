package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cursors as long as the protocol allows (docs/protocol.md §15.1: 128 channels of 255 characters, each at a
 * position) are served in a poll's URL and in an event stream's URL and Last-Event-ID, with the server-config
 * of each server (OnServer); beyond the protocol's limits they get the JSON error body. Before, a 10 KB URL got
 * an empty 400 from Payara, and Liberty refused anything over 32 KB.
 */
@ExtendWith(OnServer.class)
class LongCursorsIT {

    /** The longest epoch a cursor item may carry, and an offset of 17 digits: the longest items there are. */
    private static final String POSITION = "~12345678901234567~" + "E".repeat(64);

    static List<String> settings() {
        return EdgeServer.settings();
    }

    final HeraldServer herald;

    LongCursorsIT(HeraldServer herald) {
        this.herald = herald;
    }

    /** {@code count} channels of {@code length} characters, the name filled with {@code fill}, each at a position. */
    private static String cursor(int count, int length, char fill) {
        return IntStream.range(0, count)
                .mapToObj(i -> {
                    String start = String.format("news:%03d", i);
                    return start + String.valueOf(fill).repeat(length - start.length()) + POSITION;
                })
                .collect(Collectors.joining(","));
    }

    private HttpResponse<String> poll(String cursor) {
        return herald.get("api/poll?wait=0&cursor=" + Feeds.query(cursor));
    }

    private static void assertSubscribedToEach(int count, HttpResponse<String> answer) {
        assertEquals(
                200,
                answer.statusCode(),
                () -> answer.body().substring(0, Math.min(300, answer.body().length())));
        List<JsonObject> frames =
                HeraldServer.json(answer.body()).getJsonArray("frames").getValuesAs(JsonObject.class);
        assertEquals(count, frames.size());
        assertTrue(frames.stream().allMatch(f -> "subscribed".equals(f.getString("type"))));
    }

    @Test
    void aPollWithFortyChannelsOf250CharactersIsServed() {
        String cursor = cursor(40, 250, 'a');
        assertTrue(Feeds.query(cursor).length() > 10_000);
        assertSubscribedToEach(40, poll(cursor));
    }

    @Test
    void aPollWithEveryChannelTheProtocolAllowsIsServed() {
        assertSubscribedToEach(128, poll(cursor(128, 255, 'a')));
        // names of characters that a URL must escape: three bytes each, about 107 KB of URL
        String escaped = cursor(128, 255, '|');
        assertTrue(Feeds.query(escaped).length() > 100_000);
        assertSubscribedToEach(128, poll(escaped));
    }

    @Test
    void anEventStreamResumesFromALastEventIdWithEveryChannelTheProtocolAllows() {
        String cursor = cursor(128, 255, 'b');
        // a browser's reconnect: the first URL (here as long as it can be) and the last event's id
        try (SseReader stream = new SseReader(herald, cursor, cursor)) {
            for (int i = 0; i < 128; i++) {
                assertEquals(
                        String.format("news:%03d", i),
                        stream.next(f -> "subscribed".equals(f.getString("type")), Duration.ofSeconds(20))
                                .getString("channel")
                                .substring(0, 8));
            }
        }
    }

    @Test
    void aCursorBeyondTheProtocolsLimitsGetsTheJsonErrorBody() {
        String tooMany = cursor(129, 255, 'c');
        String tooLong = cursor(1, 256, 'c');
        assertRefused(429, "too_many_channels", poll(tooMany));
        assertRefused(400, "invalid_channel", poll(tooLong));
        assertRefused(429, "too_many_channels", herald.get("api/sse?cursor=" + Feeds.query(tooMany)));
        assertRefused(
                400,
                "invalid_channel",
                HeraldServer.send(HttpRequest.newBuilder(herald.base().resolve("api/sse?cursor=news:a"))
                        .header("Last-Event-ID", tooLong)
                        .GET()));
    }

    private static void assertRefused(int status, String code, HttpResponse<String> answer) {
        assertEquals(status, answer.statusCode(), answer::body);
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals(
                code, HeraldServer.json(answer.body()).getJsonObject("error").getString("code"));
    }
}
