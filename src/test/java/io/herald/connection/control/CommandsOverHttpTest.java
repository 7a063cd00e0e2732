package io.herald.connection.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.channel.control.Namespaces;
import io.herald.channel.entity.OpenNamespace;
import io.herald.connection.entity.Limits;
import io.herald.delivery.control.Hub;
import io.herald.delivery.control.MemoryBroker;
import io.herald.delivery.control.Publisher;
import io.herald.metrics.control.Meters;
import io.herald.problem.entity.Refusal;
import io.herald.security.control.Tickets;
import io.herald.security.entity.Identity;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code POST /api/client}: one frame, its reply or a refusal, and nothing kept between requests. */
@DisplayName("Commands over HTTP")
class CommandsOverHttpTest {

    private final Namespaces namespaces = new Namespaces(
            Map.of(
                    "demo", OpenNamespace.of("demo", 10, Duration.ofMinutes(5), true),
                    "news", OpenNamespace.of("news", 10, Duration.ofMinutes(5), false)),
            255);
    private final MemoryBroker broker = new MemoryBroker(namespaces, Duration.ofMinutes(5), 100, Clock.systemUTC());
    private final Hub hub = new Hub(broker);
    private final Commands commands = new Commands(
            namespaces,
            hub,
            broker,
            new Publisher(namespaces, broker, 1024, 64, () -> false),
            new Limits(65536, 3, 1_000_000, 65536, Duration.ofSeconds(25), Duration.ofSeconds(60), 100),
            Meters.none(),
            new Tickets(Duration.ofSeconds(30), System::nanoTime)::redeem);

    private JsonObject reply(String text) {
        return Json.createReader(new StringReader(commands.reply(text, Identity.ANONYMOUS)))
                .readObject();
    }

    private String refused(String text) {
        return assertThrows(Refusal.class, () -> commands.reply(text, Identity.ANONYMOUS))
                .code()
                .code();
    }

    @Test
    void aPublishIsAnsweredWithPublishedAndASubscribeRecoversIt() {
        JsonObject published = reply("{\"type\":\"publish\",\"channel\":\"demo:http\",\"data\":1,\"ref\":\"p\"}");
        JsonObject subscribed = reply("{\"type\":\"subscribe\",\"channel\":\"demo:http\",\"ref\":4,\"since\":"
                + "{\"offset\":0,\"epoch\":\"" + published.getString("epoch") + "\"}}");

        assertEquals("published", published.getString("type"));
        assertEquals("p", published.getString("ref"));
        assertEquals(1, published.getInt("offset"));
        assertEquals("subscribed", subscribed.getString("type"));
        assertEquals(4, subscribed.getInt("ref"));
        assertTrue(subscribed.getBoolean("recovered"));
        assertEquals(1, subscribed.getJsonArray("publications").size());
        assertEquals(0, hub.subscriptions(), "an HTTP subscribe subscribes nothing");
    }

    @Test
    void pingUnsubscribeAndPongNeedNoState() {
        assertEquals("pong", reply("{\"type\":\"ping\",\"ref\":3}").getString("type"));
        assertEquals(
                "unsubscribed",
                reply("{\"type\":\"unsubscribe\",\"channel\":\"demo:x\"}").getString("type"));
        assertNull(commands.reply("{\"type\":\"pong\"}", Identity.ANONYMOUS));
    }

    @Test
    void everyProblemIsARefusal() {
        assertEquals("publish_forbidden", refused("{\"type\":\"publish\",\"channel\":\"news:http\",\"data\":1}"));
        assertEquals("malformed", refused("{\"type\":"));
        assertEquals("unknown_type", refused("{\"type\":\"dance\"}"));
        assertEquals("unknown_namespace", refused("{\"type\":\"subscribe\",\"channel\":\"sports:x\"}"));
        assertEquals(
                "unknown_type",
                refused("{\"type\":\"refresh\",\"ticket\":\"t\"}"),
                "refresh applies to a WebSocket connection");
    }
}
