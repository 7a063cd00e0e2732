package io.herald.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.Deployments;
import io.herald.it.HeraldServer;
import io.herald.it.support.ServerProcess;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The browser client (herald.js) in a real headless Chromium against Herald on the server of the run
 * (Payara Micro, WildFly or Open Liberty), which this class starts itself so that it can restart it under an open page (two boots in all). The page
 * records every publication it hands to the application, with its offset and the transport in use.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path WORK = Path.of("target", "browser-it");

    /** Creates a client in the page, subscribes, and records what the application is told in window.t. */
    private static final String CLIENT = """
            const [base, options, channels] = arguments;
            return import(base + 'herald.js').then(({ Herald }) => {
              const t = window.t = { pubs: [], subscribed: [], transports: [], states: [], errors: [], published: [] };
              const h = window.h = new Herald(Object.assign({ url: base }, options));
              document.body.append(document.createElement('herald-status'));
              h.on('state', (s) => t.states.push(s));
              h.on('transport', (name) => name && t.transports.push(name));
              h.on('error', (e) => t.errors.push(e));
              for (const channel of channels) {
                h.subscribe(channel, {
                  onPublication: (p) => t.pubs.push({ offset: p.offset, epoch: p.epoch, n: p.data.n, event: p.event, via: h.transportName }),
                  onSubscribed: (s) => t.subscribed.push(s),
                });
              }
              return true;
            });
            """;

    static ServerProcess server;
    static HeraldServer herald;

    @BeforeAll
    static void boot() throws Exception {
        Chromium.requireInstalled();
        List<String> settings = new ArrayList<>(Deployments.TEST_SETTINGS);
        settings.addAll(List.of(
                "herald.channel.namespaces=demo,news,tiny",
                "herald.channel.namespace.demo.client-publish=true",
                "herald.channel.namespace.tiny.anonymous=true"));
        server = ServerProcess.of(
                ServerProcess.kind(), Deployments.testWar(), settings, WORK.resolve(ServerProcess.kind()));
        server.start();
        herald = new HeraldServer(server);
    }

    @AfterAll
    static void shutdown() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @Order(1)
    @ValueSource(strings = {"websocket", "sse", "long-poll", "poll"})
    void publicationsArriveInOrderOverEachTransport(String transport) {
        String channel = "news:via-" + transport;
        try (Chromium page = page(Map.of("transports", List.of(transport), "pollInterval", 200), channel)) {
            page.await(
                    "connected over " + transport,
                    WAIT,
                    "h.transportName === '" + transport + "' && t.subscribed.length > 0");
            for (int n = 1; n <= 20; n++) {
                herald.publish(channel, "tick", "{\"n\":" + n + "}");
            }
            page.await("20 publications", WAIT, "t.pubs.length >= 20");
            ServerProcess.pause(500);
            assertContiguous(page, 20);
            assertEquals(List.of(transport), page.js("return [...new Set(t.pubs.map(p => p.via))]"));
            String state = transport.equals("websocket") ? "connected" : "fallback";
            assertEquals(state, page.js("return h.state"));
            assertEquals(state, page.js("return document.querySelector('herald-status').getAttribute('state')"));
            String badge = (String) page.js("return document.querySelector('herald-status').shadowRoot.textContent");
            assertTrue(badge.contains(transport), badge);
        }
    }

    @Test
    @Order(2)
    void refusedUpgradesFallBackAndTheClientReturnsToWebSocketWithoutLossOrDuplicates() {
        String channel = "news:switch";
        gate(false);
        AtomicBoolean publishing = new AtomicBoolean(true);
        AtomicInteger published = new AtomicInteger();
        try (Chromium page = page(Map.of("upgradeInterval", 2000, "openGrace", 2000), channel)) {
            page.await("a fallback", WAIT, "h.state === 'fallback' && t.subscribed.length > 0");
            assertEquals("sse", page.js("return h.transportName"), "SSE is the first fallback in the default order");
            assertEquals("\"sse\"", page.js("return localStorage.getItem('herald:' + h.base + ':transport')"));
            Thread publisher = new Thread(() -> {
                while (publishing.get()) {
                    herald.publish(channel, "tick", "{\"n\":" + published.incrementAndGet() + "}");
                    ServerProcess.pause(40);
                }
            });
            publisher.start();
            page.await("publications over the fallback", WAIT, "t.pubs.length >= 10");
            gate(true);
            page.await("the upgrade back to WebSocket", WAIT, "h.transportName === 'websocket'");
            page.await("publications over WebSocket", WAIT, "t.pubs.filter(p => p.via === 'websocket').length >= 10");
            publishing.set(false);
            join(publisher);
            int total = published.get();
            page.await(total + " publications", WAIT, "t.pubs.length >= " + total);
            ServerProcess.pause(500);
            assertContiguous(page, total);
            assertEquals(List.of("sse", "websocket"), page.js("return t.transports"));
            assertEquals("\"websocket\"", page.js("return localStorage.getItem('herald:' + h.base + ':transport')"));
            System.out.printf(
                    "switch: %d publications, %d over SSE, %d duplicates ignored by the client%n",
                    total,
                    page.js("return t.pubs.filter(p => p.via === 'sse').length"),
                    page.js("return h.stats.ignored"));
        } finally {
            publishing.set(false);
            gate(true);
        }
    }

    @Test
    @Order(3)
    void aRestartIsReportedAsNotRecoveredAndAnOfflinePublishIsDeliveredOnce() {
        String channel = "demo:restart";
        Map<String, Object> options = Map.of("openGrace", 2000, "backoff", Map.of("initial", 200, "max", 1000));
        try (Chromium page = page(options, channel)) {
            page.await("WebSocket", WAIT, "h.transportName === 'websocket' && t.subscribed.length > 0");
            for (int n = 1; n <= 3; n++) {
                herald.publish(channel, "tick", "{\"n\":" + n + "}");
            }
            page.await("3 publications", WAIT, "t.pubs.length >= 3");
            String before = (String) page.js("return t.pubs[0].epoch");

            long t0 = System.nanoTime();
            server.stop();
            long stopped = System.nanoTime();
            page.await("the page noticing", WAIT, "h.state === 'offline'");
            page.js(
                    "h.publish('demo:restart', 'queued', { n: 100 }).then((r) => t.published.push(r), (e) => t.errors.push(e));");
            assertEquals(1L, page.js("return JSON.parse(localStorage.getItem('herald:' + h.base + ':outbox')).length"));

            long t1 = System.nanoTime();
            server.start();
            long ready = System.nanoTime();
            page.await("the publish confirmed", Duration.ofSeconds(60), "t.published.length === 1");
            System.out.printf(
                    "restart: stop %d ms, boot %d ms, page back and publish confirmed %d ms after ready (over %s)%n",
                    (stopped - t0) / 1_000_000,
                    (ready - t1) / 1_000_000,
                    (System.nanoTime() - ready) / 1_000_000,
                    page.js("return h.transportName"));
            page.await("the queued publication", WAIT, "t.pubs.length >= 4");
            Map<?, ?> resumed = (Map<?, ?>) page.js("return t.subscribed[t.subscribed.length - 1]");
            assertEquals(false, resumed.get("recovered"), "a restart is a new epoch: the application must reload");
            assertNotEquals(before, resumed.get("epoch"));
            herald.publish(channel, "tick", "{\"n\":101}");
            page.await("the publication after the restart", WAIT, "t.pubs.length >= 5");
            ServerProcess.pause(500);
            assertEquals(
                    List.of(1L, 100L, 2L, 101L),
                    page.js("return t.pubs.slice(3).flatMap(p => [p.offset, p.n])"),
                    "the queued publish is stored once (offset 1), the next one gets offset 2");
            assertEquals(false, page.js("return t.published[0].duplicate"));
            assertEquals("[]", page.js("return localStorage.getItem('herald:' + h.base + ':outbox')"));
            assertFalse(((List<?>) page.js("return t.errors"))
                    .stream().anyMatch(e -> ((Map<?, ?>) e).get("fatal") != null));
        }
    }

    private static Chromium page(Map<String, Object> options, String channel) {
        Chromium page = Chromium.start();
        try {
            page.open(server.base() + "herald.js");
            assertEquals(true, page.js(CLIENT, server.base().toString(), options, List.of(channel)));
            return page;
        } catch (RuntimeException | AssertionError e) {
            page.close();
            throw e;
        }
    }

    /** Offsets 1..count in order, each once, carrying n = offset: nothing lost, nothing twice. */
    private static void assertContiguous(Chromium page, int count) {
        List<?> offsets = (List<?>) page.js("return t.pubs.map(p => p.offset)");
        List<?> numbers = (List<?>) page.js("return t.pubs.map(p => p.n)");
        List<Long> expected =
                java.util.stream.LongStream.rangeClosed(1, count).boxed().toList();
        assertEquals(expected, offsets);
        assertEquals(expected, numbers);
        assertTrue(((List<?>) page.js("return [...new Set(t.pubs.map(p => p.epoch))]")).size() == 1);
    }

    /** Opens or closes WebSocket upgrades on the server (test-only resource), as a proxy would. */
    private static void gate(boolean open) {
        HttpRequest request = HttpRequest.newBuilder(server.base().resolve("api/test/websocket"))
                .PUT(HttpRequest.BodyPublishers.ofString(String.valueOf(open)))
                .header("Content-Type", "text/plain")
                .build();
        try {
            int status = HttpClient.newHttpClient()
                    .send(request, HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            assertEquals(204, status, "PUT api/test/websocket answered " + status);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
