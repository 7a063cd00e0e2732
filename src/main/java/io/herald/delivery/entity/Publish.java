package io.herald.delivery.entity;

import jakarta.json.JsonValue;

/**
 * The request to publish, from any source. Code inside the WAR fires it as a CDI event:
 * <pre>{@code @Inject Event<Publish> publish;
 * publish.fire(new Publish("news:sports", "score", Json.createObjectBuilder().add("home", 2).build()));}</pre>
 *
 * @param channel        {@code namespace:name}
 * @param event          an application-chosen name for the kind of publication (may be null)
 * @param data           any JSON value
 * @param idempotencyKey optional; a second publish with the same key in the same channel within the
 *                       idempotency window returns the first result and publishes nothing
 */
public record Publish(String channel, String event, JsonValue data, String idempotencyKey) {

    public Publish(String channel, String event, JsonValue data) {
        this(channel, event, data, null);
    }
}
