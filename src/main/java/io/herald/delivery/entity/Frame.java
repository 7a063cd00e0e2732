package io.herald.delivery.entity;

import io.herald.channel.entity.ChannelName;
import java.util.Objects;

/**
 * One server frame on its way to a transport: its JSON text, encoded once, and the position it moves
 * its channel to. A transport that carries positions per frame (SSE event ids) reads them here rather
 * than parsing the text back.
 *
 * @param json     the herald.v1 frame (docs/protocol.md)
 * @param channel  the channel whose position the frame moves; null for a frame that moves none (ping,
 *                 error, pong, published...)
 * @param position where the client stands in {@code channel} once it applied the frame; null exactly
 *                 when {@code channel} is
 */
public record Frame(String json, ChannelName channel, Position position) {

    public Frame {
        Objects.requireNonNull(json, "json");
        if ((channel == null) != (position == null)) {
            throw new IllegalArgumentException("a frame moves a channel to a position, or moves nothing");
        }
    }

    /** A frame that moves no position. */
    public Frame(String json) {
        this(json, null, null);
    }
}
