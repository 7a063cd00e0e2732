package io.herald.delivery.control;

import io.herald.delivery.entity.Publication;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.StringWriter;
import java.util.Map;

/** The wire form of a publication, the same on every transport (docs/protocol.md, "publication"). */
public final class PublicationJson {

    static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());

    private PublicationJson() {
    }

    public static String frame(Publication publication) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator json = GENERATORS.createGenerator(out)) {
            write(json, publication);
        }
        return out.toString();
    }

    /** Writes the publication as one JSON object (inside an array, or as a whole frame). */
    public static void write(JsonGenerator json, Publication p) {
        json.writeStartObject()
                .write("type", "publication")
                .write("channel", p.channel().toString())
                .write("offset", p.offset())
                .write("epoch", p.epoch())
                .write("id", p.id());
        if (p.event() != null) {
            json.write("event", p.event());
        }
        json.write("data", p.data())
                .write("ts", p.timestamp())
                .writeEnd();
    }
}
