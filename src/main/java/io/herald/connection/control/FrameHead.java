package io.herald.connection.control;

import io.herald.channel.entity.ChannelName;
import io.herald.delivery.entity.Position;
import jakarta.json.Json;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.util.Map;

/**
 * Where a server frame leaves its channel: the channel, offset and epoch of a {@code publication} or a
 * {@code subscribed} frame. A transport that carries positions per frame (SSE event ids) reads them
 * here. The parser stops after the head, so the data (up to 64 KiB) is not read.
 */
public record FrameHead(ChannelName channel, Position position) {

    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    /** The head of a frame Herald wrote, or null for frames that move no position (ping, error, ...). */
    public static FrameHead of(String frame) {
        if (!frame.startsWith("{\"type\":\"publication\"") && !frame.startsWith("{\"type\":\"subscribed\"")) {
            return null;
        }
        String channel = null;
        String epoch = null;
        long offset = -1;
        try (JsonParser parser = PARSERS.createParser(new StringReader(frame))) {
            parser.next();
            while (parser.hasNext() && (channel == null || epoch == null || offset < 0)) {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.END_OBJECT) {
                    break;
                }
                String key = parser.getString();
                JsonParser.Event value = parser.next();
                switch (key) {
                    case "channel" -> channel = parser.getString();
                    case "epoch" -> epoch = parser.getString();
                    case "offset" -> offset = parser.getLong();
                    default -> skip(parser, value);
                }
            }
        }
        if (channel == null || epoch == null || offset < 0) {
            return null;
        }
        int colon = channel.indexOf(':');
        return new FrameHead(new ChannelName(channel.substring(0, colon), channel.substring(colon + 1)),
                new Position(offset, epoch));
    }

    private static void skip(JsonParser parser, JsonParser.Event value) {
        if (value == JsonParser.Event.START_OBJECT) {
            parser.skipObject();
        } else if (value == JsonParser.Event.START_ARRAY) {
            parser.skipArray();
        }
    }
}
