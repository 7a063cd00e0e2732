package io.herald.it;

import io.herald.it.support.FireResource;
import io.herald.it.support.ServerProcess;
import io.herald.it.support.SwitchableUpgrades;
import io.herald.it.support.WebSocketGateResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * What the integration tests deploy: the WAR the build produced ({@code mvn package}), as a user deploys
 * it, plus two endpoints that exist only for tests, with test settings given as system properties. The
 * WAR's own configuration file stays inside; system properties override it, as an operator's would.
 */
public final class Deployments {

    /** Test settings: short heartbeats, small limits, a few namespaces with particular histories. */
    public static final List<String> TEST_SETTINGS = List.of(
            "herald.channel.namespaces=demo,news,alerts,tiny,quiet",
            "herald.channel.namespace.demo.client-publish=true",
            "herald.channel.namespace.tiny.history-size=3",
            "herald.channel.namespace.quiet.history-size=0",
            "herald.connection.heartbeat-interval=PT1S",
            "herald.connection.idle-timeout=PT3S",
            "herald.connection.outbox-max-bytes=262144",
            "herald.connection.max-channels=8",
            "herald.connection.max-message-bytes=16384",
            "herald.channel.anonymous=true",
            "herald.publish.anonymous=true");

    /**
     * Test-only classes: endpoints {@code test/fire/{channel}} (a CDI event) and {@code test/websocket} (a
     * proxy's switch), and the switchable {@code Upgrades} the latter flips. The WAR itself has no test hook.
     */
    private static final List<Class<?>> TEST_ENDPOINTS =
            List.of(FireResource.class, WebSocketGateResource.class, SwitchableUpgrades.class);

    private static Path testWar;

    private Deployments() {}

    /** The built WAR with the test-only endpoints added, made once per test run. */
    public static synchronized Path testWar() {
        if (testWar == null) {
            Path built = ServerProcess.required("herald.war", "target/herald.war");
            Path copy = Path.of("target", "it-war", "herald.war");
            try {
                Files.createDirectories(copy.getParent());
                Files.copy(built, copy, StandardCopyOption.REPLACE_EXISTING);
                try (FileSystem war = FileSystems.newFileSystem(copy)) {
                    for (Class<?> endpoint : TEST_ENDPOINTS) {
                        String name = endpoint.getName().replace('.', '/') + ".class";
                        Path target = war.getPath("WEB-INF/classes", name);
                        Files.createDirectories(target.getParent());
                        Files.copy(
                                Path.of(endpoint.getResource("/" + name).toURI()),
                                target,
                                StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
            testWar = copy;
        }
        return testWar;
    }
}
