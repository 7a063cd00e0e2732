package io.herald.connection.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.channel.entity.ChannelName;
import io.herald.connection.entity.Cursor;
import io.herald.delivery.entity.Frame;
import io.herald.delivery.entity.Position;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Each frame is an event; an event whose frame moves a position has the cursor after it as its id. */
@DisplayName("SseTransport")
class SseTransportTest {

    private static final ChannelName A = new ChannelName("news", "a");
    private static final ChannelName B = new ChannelName("news", "b");

    /** An event as the stream would carry it: its fields by name (comment, data, id). */
    private final List<Map<String, Object>> events = new ArrayList<>();

    private boolean closed;

    @Test
    void eachFrameIsAnEventAndOnlyFramesThatMovePositionsCarryTheCursorAfterThem() {
        SseTransport transport = transport("news:a~1~E,news:b");

        transport.write(
                List.of(
                        new Frame("{\"type\":\"subscribed\"}", B, new Position(0, "F")),
                        new Frame("{\"type\":\"ping\"}"),
                        new Frame("{\"type\":\"publication\"}", A, new Position(2, "E"))),
                error -> {});
        transport.write(List.of(new Frame("{\"type\":\"publication\"}", B, new Position(1, "F"))), error -> {});

        assertTrue(events.get(0).get("comment").toString().isBlank(), "padding for buffering proxies, once");
        List<Map<String, Object>> frames = events.subList(1, events.size());
        assertEquals(
                List.of(
                        "{\"type\":\"subscribed\"}",
                        "{\"type\":\"ping\"}",
                        "{\"type\":\"publication\"}",
                        "{\"type\":\"publication\"}"),
                frames.stream().map(e -> e.get("data")).toList());
        assertEquals("news:a~1~E,news:b~0~F", frames.get(0).get("id"));
        assertNull(frames.get(1).get("id"));
        assertEquals("news:a~2~E,news:b~0~F", frames.get(2).get("id"));
        assertEquals("news:a~2~E,news:b~1~F", frames.get(3).get("id"));
    }

    @Test
    void aWriteReportsItsCompletionOrThatTheStreamIsClosed() {
        SseTransport transport = transport("news:a");
        AtomicReference<Throwable> done = new AtomicReference<>(new AssertionError("not called"));

        transport.write(List.of(new Frame("{}")), done::set);
        assertNull(done.get());

        closed = true;
        transport.write(List.of(new Frame("{}")), done::set);
        assertTrue(done.get() instanceof IOException, String.valueOf(done.get()));
    }

    /** A JAX-RS stand-in: builders record their fields, the sink keeps every event it is sent. */
    private SseTransport transport(String cursor) {
        Sse sse = proxy(Sse.class, (method, args) -> method.equals("newEventBuilder") ? builder() : null);
        SseEventSink sink = proxy(SseEventSink.class, (method, args) -> switch (method) {
            case "isClosed" -> closed;
            case "send" -> {
                events.add(fields((OutboundSseEvent) args[0]));
                yield CompletableFuture.completedFuture(null);
            }
            default -> null;
        });
        return new SseTransport(sink, sse, Cursor.parse(cursor, 10, raw -> ChannelName.parse(raw, 255)));
    }

    private static OutboundSseEvent.Builder builder() {
        Map<String, Object> fields = new HashMap<>();
        OutboundSseEvent event = proxy(OutboundSseEvent.class, (method, args) -> switch (method) {
            case "getComment" -> fields.get("comment");
            case "getData" -> fields.get("data");
            case "getId" -> fields.get("id");
            default -> null;
        });
        OutboundSseEvent.Builder[] self = new OutboundSseEvent.Builder[1];
        self[0] = proxy(OutboundSseEvent.Builder.class, (method, args) -> {
            if (method.equals("build")) {
                return event;
            }
            fields.put(method, args[args.length - 1]);
            return self[0];
        });
        return self[0];
    }

    private static Map<String, Object> fields(OutboundSseEvent event) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("comment", event.getComment());
        fields.put("data", event.getData());
        fields.put("id", event.getId());
        return fields;
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(
                SseTransportTest.class.getClassLoader(),
                new Class<?>[] {type},
                (proxy, method, args) -> answer.answer(method.getName(), args == null ? new Object[0] : args));
    }
}
