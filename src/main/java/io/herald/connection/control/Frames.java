package io.herald.connection.control;

import io.herald.channel.entity.ChannelName;
import io.herald.delivery.control.PublicationJson;
import io.herald.delivery.entity.Publication;
import io.herald.delivery.entity.Published;
import io.herald.delivery.entity.Recovery;
import io.herald.problem.entity.Refusal;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/** The server frames of protocol herald.v1 (docs/protocol.md), as JSON text. */
public final class Frames {

    public static final String PROTOCOL = "herald.v1";
    static final String PING = "{\"type\":\"ping\"}";

    private static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());

    private Frames() {
    }

    static String connected(String client, Duration heartbeat, Duration timeout) {
        return json(g -> g.write("type", "connected").write("client", client).write("protocol", PROTOCOL)
                .write("heartbeat", heartbeat.toMillis()).write("timeout", timeout.toMillis()));
    }

    public static String subscribed(JsonValue ref, ChannelName channel, Recovery recovery) {
        return json(g -> {
            g.write("type", "subscribed");
            ref(g, ref);
            g.write("channel", channel.toString())
                    .write("offset", recovery.position().offset())
                    .write("epoch", recovery.position().epoch())
                    .write("recovered", recovery.recovered())
                    .writeStartArray("publications");
            for (Publication publication : recovery.missed()) {
                PublicationJson.write(g, publication);
            }
            g.writeEnd();
        });
    }

    /** The answer to a refresh: the connection now lives until {@code expiry} (absent: no expiry). */
    static String refreshed(JsonValue ref, java.time.Instant expiry) {
        return json(g -> {
            g.write("type", "refreshed");
            ref(g, ref);
            if (expiry != null) {
                g.write("expires", expiry.toEpochMilli());
            }
        });
    }

    static String unsubscribed(JsonValue ref, ChannelName channel) {
        return json(g -> {
            g.write("type", "unsubscribed");
            ref(g, ref);
            g.write("channel", channel.toString());
        });
    }

    public static String published(JsonValue ref, Published published) {
        Publication p = published.publication();
        return json(g -> {
            g.write("type", "published");
            ref(g, ref);
            g.write("channel", p.channel().toString()).write("offset", p.offset()).write("epoch", p.epoch())
                    .write("id", p.id()).write("duplicate", published.duplicate());
        });
    }

    static String pong(JsonValue ref) {
        return json(g -> {
            g.write("type", "pong");
            ref(g, ref);
        });
    }

    public static String error(JsonValue ref, Refusal refusal) {
        return json(g -> {
            g.write("type", "error");
            ref(g, ref);
            g.write("code", refusal.code().code()).write("message", refusal.getMessage());
        });
    }

    private static void ref(JsonGenerator g, JsonValue ref) {
        if (ref != null) {
            g.write("ref", ref);
        }
    }

    private static String json(Consumer<JsonGenerator> body) {
        StringWriter out = new StringWriter(96);
        try (JsonGenerator g = GENERATORS.createGenerator(out)) {
            g.writeStartObject();
            body.accept(g);
            g.writeEnd();
        }
        return out.toString();
    }
}
