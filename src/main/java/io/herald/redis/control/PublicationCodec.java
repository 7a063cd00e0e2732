package io.herald.redis.control;

import io.herald.channel.entity.ChannelName;
import io.herald.delivery.entity.Publication;
import io.herald.problem.control.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a publication is written in Redis, in one place: the publish script builds the pub/sub message and
 * the stream entry from the Lua fragments below, and the decoders next to them read both back. Every node
 * of a cluster reads what the others wrote, so during a rolling upgrade old and new nodes must agree:
 * fields may be added, never renamed, retyped or dropped.
 * <ul>
 * <li>The script's {@code ARGV[1..4]} carry the publication: id, timestamp (epoch ms), event as JSON
 * (a string, or {@code null}), data as JSON ({@link #arguments}).</li>
 * <li>Message, on {@code herald:pub:<channel>} and kept under an idempotency key:
 * {@code {"o":offset,"e":"epoch","i":"id","t":ms,"v":event,"d":data}} ({@link #message}).</li>
 * <li>Stream entry: id {@code <offset>-1}, fields {@code i} id, {@code t} ms, {@code v} event JSON,
 * {@code d} data JSON; the epoch is not repeated, it is the channel's meta hash's ({@link #entry}).</li>
 * </ul>
 */
final class PublicationCodec {

    /** Lua: the stream entry's fields, from the script's {@code ARGV[1..4]}. */
    static final String ENTRY_FIELDS = "'i', ARGV[1], 't', ARGV[2], 'v', ARGV[3], 'd', ARGV[4]";

    /** Lua: the message, from the script's locals {@code offset} and {@code epoch} and its {@code ARGV[1..4]}. */
    static final String MESSAGE = """
            '{"o":' .. offset .. ',"e":"' .. epoch .. '","i":"' .. ARGV[1] .. '","t":' .. ARGV[2]
              .. ',"v":' .. ARGV[3] .. ',"d":' .. ARGV[4] .. '}'""";

    private PublicationCodec() {}

    /**
     * The script's {@code ARGV[1..4]}. The Lua concatenates the message without escaping, which is safe
     * because ids and epochs are base64url and event and data are JSON already.
     */
    static List<String> arguments(String id, long timestamp, String event, JsonValue data) {
        return List.of(
                id,
                Long.toString(timestamp),
                event == null ? "null" : Jsonp.PROVIDER.createValue(event).toString(),
                data.toString());
    }

    static Publication message(ChannelName channel, String message) {
        JsonObject m = Jsonp.PROVIDER.createReader(new StringReader(message)).readObject();
        JsonValue event = m.get("v");
        return new Publication(
                channel,
                m.getJsonNumber("o").longValue(),
                m.getString("e"),
                m.getString("i"),
                event.getValueType() == JsonValue.ValueType.STRING ? m.getString("v") : null,
                m.get("d"),
                m.getJsonNumber("t").longValue());
    }

    /** A stream entry as XRANGE returns it: {id, [field, value, …]}. */
    static Publication entry(ChannelName channel, String epoch, List<?> entry) {
        String id = (String) entry.get(0);
        List<?> fields = (List<?>) entry.get(1);
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            values.put((String) fields.get(i), (String) fields.get(i + 1));
        }
        JsonValue event =
                Jsonp.PROVIDER.createReader(new StringReader(values.get("v"))).readValue();
        return new Publication(
                channel,
                Long.parseLong(id.substring(0, id.indexOf('-'))),
                epoch,
                values.get("i"),
                event.getValueType() == JsonValue.ValueType.STRING ? ((JsonString) event).getString() : null,
                Jsonp.PROVIDER.createReader(new StringReader(values.get("d"))).readValue(),
                Long.parseLong(values.get("t")));
    }
}
