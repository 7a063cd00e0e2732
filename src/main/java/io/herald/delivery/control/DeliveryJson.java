package io.herald.delivery.control;

import io.herald.channel.entity.ChannelName;
import io.herald.delivery.entity.Frame;
import io.herald.delivery.entity.Publication;
import io.herald.delivery.entity.Published;
import io.herald.delivery.entity.Recovery;
import io.herald.problem.control.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.StringWriter;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The wire form of everything that names a position (docs/protocol.md): the {@code publication},
 * {@code subscribed} and {@code published} frames and the result of {@code POST /api/publish}, plus the
 * envelope every server frame shares ({@code type} first, then the client's {@code ref}). One class, so
 * a position reads the same on WebSocket, SSE, polling and the REST API.
 */
public final class DeliveryJson {

    private static final JsonGeneratorFactory GENERATORS = Jsonp.PROVIDER.createGeneratorFactory(Map.of());

    private DeliveryJson() {}

    /** A publication as a frame of its own; it moves its channel to its position. */
    public static Frame publication(Publication publication) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator json = GENERATORS.createGenerator(out)) {
            write(json, publication);
        }
        return new Frame(out.toString(), publication.channel(), publication.position());
    }

    /** The answer to a subscribe (or a poll that cannot resume); it moves the channel to the recovered position. */
    public static Frame subscribed(JsonValue ref, ChannelName channel, Recovery recovery) {
        String json = frame("subscribed", ref, g -> {
            g.write("channel", channel.toString())
                    .write("offset", recovery.position().offset())
                    .write("epoch", recovery.position().epoch())
                    .write("recovered", recovery.recovered())
                    .writeStartArray("publications");
            for (Publication publication : recovery.missed()) {
                write(g, publication);
            }
            g.writeEnd();
        });
        return new Frame(json, channel, recovery.position());
    }

    /**
     * The answer to a client's publish. It names the publication's position but moves none: the
     * publisher need not be subscribed, and when it is, the publication frame moves it.
     */
    public static Frame published(JsonValue ref, Published published) {
        JsonObject result = result(published);
        return new Frame(frame("published", ref, g -> result.forEach((name, value) -> g.write(name, value))));
    }

    /** {@code {channel, offset, epoch, id, duplicate}}: the REST result, and the body of a {@code published} frame. */
    public static JsonObject result(Published published) {
        Publication p = published.publication();
        return Jsonp.PROVIDER
                .createObjectBuilder()
                .add("channel", p.channel().toString())
                .add("offset", p.offset())
                .add("epoch", p.epoch())
                .add("id", p.id())
                .add("duplicate", published.duplicate())
                .build();
    }

    /** A server frame: {@code type}, the client's {@code ref} when it gave one, then {@code fields}. */
    public static String frame(String type, JsonValue ref, Consumer<JsonGenerator> fields) {
        StringWriter out = new StringWriter(96);
        try (JsonGenerator g = GENERATORS.createGenerator(out)) {
            g.writeStartObject().write("type", type);
            if (ref != null) {
                g.write("ref", ref);
            }
            fields.accept(g);
            g.writeEnd();
        }
        return out.toString();
    }

    private static void write(JsonGenerator json, Publication p) {
        json.writeStartObject()
                .write("type", "publication")
                .write("channel", p.channel().toString())
                .write("offset", p.offset())
                .write("epoch", p.epoch())
                .write("id", p.id());
        if (p.event() != null) {
            json.write("event", p.event());
        }
        json.write("data", p.data()).write("ts", p.timestamp()).writeEnd();
    }
}
