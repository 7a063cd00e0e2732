package io.herald.connection.control;

import io.herald.channel.entity.ChannelName;
import io.herald.delivery.control.DeliveryJson;
import io.herald.delivery.entity.Frame;
import io.herald.problem.entity.Refusal;
import jakarta.json.JsonValue;
import java.time.Duration;

/**
 * The server frames of protocol herald.v1 (docs/protocol.md) that move no position. Those that name
 * one (publication, subscribed, published) are {@link DeliveryJson}'s.
 */
public final class Frames {

    public static final String PROTOCOL = "herald.v1";
    static final Frame PING = new Frame("{\"type\":\"ping\"}");

    private Frames() {}

    static Frame connected(String client, Duration heartbeat, Duration timeout) {
        return new Frame(DeliveryJson.frame(
                "connected",
                null,
                g -> g.write("client", client)
                        .write("protocol", PROTOCOL)
                        .write("heartbeat", heartbeat.toMillis())
                        .write("timeout", timeout.toMillis())));
    }

    /** The answer to a refresh: the connection now lives until {@code expiry} (absent: no expiry). */
    static Frame refreshed(JsonValue ref, java.time.Instant expiry) {
        return new Frame(DeliveryJson.frame("refreshed", ref, g -> {
            if (expiry != null) {
                g.write("expires", expiry.toEpochMilli());
            }
        }));
    }

    static Frame unsubscribed(JsonValue ref, ChannelName channel) {
        return new Frame(DeliveryJson.frame("unsubscribed", ref, g -> g.write("channel", channel.toString())));
    }

    /** The server ended a subscription (no ref): the channel, and the refusal a subscribe would get now. */
    static Frame unsubscribed(ChannelName channel, Refusal why) {
        return new Frame(DeliveryJson.frame(
                "unsubscribed",
                null,
                g -> g.write("channel", channel.toString())
                        .write("code", why.code().code())
                        .write("message", why.getMessage())));
    }

    static Frame pong(JsonValue ref) {
        return new Frame(DeliveryJson.frame("pong", ref, g -> {}));
    }

    public static Frame error(JsonValue ref, Refusal refusal) {
        return new Frame(DeliveryJson.frame(
                "error", ref, g -> g.write("code", refusal.code().code()).write("message", refusal.getMessage())));
    }
}
