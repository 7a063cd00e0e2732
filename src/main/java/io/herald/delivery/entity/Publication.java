package io.herald.delivery.entity;

import io.herald.channel.entity.ChannelName;
import jakarta.json.JsonValue;

/** A publication as it was stored: its place in the channel, what it says and when the server took it. */
public record Publication(
        ChannelName channel, long offset, String epoch, String id, String event, JsonValue data, long timestamp) {

    public Position position() {
        return new Position(offset, epoch);
    }
}
