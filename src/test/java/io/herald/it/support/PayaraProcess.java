package io.herald.it.support;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Payara Micro as a child process on a fixed loopback port, so that a test can stop and start the
 * server under an open page or kill a node of a cluster. Arquillian cannot restart a server within a
 * test; this can.
 */
public final class PayaraProcess extends ServerProcess {

    private final Path war;
    private final List<String> settings;
    private final int port;

    /** {@code settings} are system properties ("name=value"): MicroProfile Config reads them first. */
    public PayaraProcess(Path war, List<String> settings, Path logs) {
        super("payara", logs);
        this.war = war;
        this.settings = settings;
        this.port = freePort();
    }

    public int port() {
        return port;
    }

    /** The application's base URL, ending in '/': the context root is the WAR's name. */
    public URI base() {
        return URI.create("http://127.0.0.1:" + port + "/herald/");
    }

    /** Starts the server and returns once it is ready and the WAR answers. */
    public void start() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        settings.forEach(setting -> command.add("-D" + setting));
        command.addAll(List.of("-jar", required("payara.microJar", "target/payara-micro.jar").toString(),
                "--deploy", war.toString(), "--port", String.valueOf(port), "--nocluster",
                "--prebootcommandfile", Path.of("src/test/resources/payara-loopback.asadmin").toAbsolutePath().toString()));
        start(command, Map.of(), List.of(URI.create("http://127.0.0.1:" + port + "/health/ready"),
                base().resolve("herald.js")));
    }
}
