package io.herald.redis.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.herald.channel.entity.ChannelName;
import io.herald.delivery.entity.Publication;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The layout other nodes of a cluster write, as literals: a node of this version must read what older
 * nodes wrote during a rolling upgrade, and write what they read.
 */
class PublicationCodecTest {

    private static final ChannelName NEWS = new ChannelName("news", "a");

    @Test
    void readsAPubSubMessage() {
        Publication publication = PublicationCodec.message(
                NEWS, "{\"o\":7,\"e\":\"ep-1\",\"i\":\"id-7\",\"t\":1700000000000,\"v\":\"score\",\"d\":{\"home\":2}}");

        assertEquals(
                new Publication(
                        NEWS,
                        7,
                        "ep-1",
                        "id-7",
                        "score",
                        Json.createObjectBuilder().add("home", 2).build(),
                        1700000000000L),
                publication);
    }

    @Test
    void readsAMessageWithoutEvent() {
        Publication publication =
                PublicationCodec.message(NEWS, "{\"o\":1,\"e\":\"ep-1\",\"i\":\"id-1\",\"t\":5,\"v\":null,\"d\":true}");

        assertNull(publication.event());
        assertEquals(JsonValue.TRUE, publication.data());
    }

    @Test
    void readsAStreamEntryWithTheChannelsEpoch() {
        Publication publication = PublicationCodec.entry(
                NEWS,
                "ep-1",
                List.of("7-1", List.of("i", "id-7", "t", "1700000000000", "v", "\"score\"", "d", "[1,2]")));

        assertEquals(
                new Publication(
                        NEWS,
                        7,
                        "ep-1",
                        "id-7",
                        "score",
                        Json.createArrayBuilder().add(1).add(2).build(),
                        1700000000000L),
                publication);
        assertNull(PublicationCodec.entry(
                        NEWS, "ep-1", List.of("8-1", List.of("i", "id-8", "t", "1", "v", "null", "d", "{}")))
                .event());
    }

    @Test
    void writesTheScriptArgumentsAsTheScriptExpectsThem() {
        assertEquals(
                List.of("id-7", "1700000000000", "\"score\"", "{\"home\":2}"),
                PublicationCodec.arguments(
                        "id-7",
                        1700000000000L,
                        "score",
                        Json.createObjectBuilder().add("home", 2).build()));
        assertEquals(List.of("id-8", "1", "null", "true"), PublicationCodec.arguments("id-8", 1, null, JsonValue.TRUE));
    }
}
