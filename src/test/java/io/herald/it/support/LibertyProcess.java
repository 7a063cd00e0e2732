package io.herald.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * Open Liberty (the full runtime unpacked by the build) running {@code server-config/liberty/server.xml},
 * the configuration operators get, in a user directory of its own with a free port.
 */
public final class LibertyProcess extends ServerProcess {

    private final Path home;
    private final Path userDir;
    private final Path server;
    private final int port;

    public LibertyProcess(Path home, Path war, Path work) {
        super("liberty", work);
        this.home = home;
        this.userDir = work.resolve("usr").toAbsolutePath();
        this.server = userDir.resolve("servers").resolve("herald");
        this.port = freePort();
        try {
            Files.createDirectories(server.resolve("apps"));
            Files.copy(Path.of("server-config/liberty/server.xml"), server.resolve("server.xml"),
                    StandardCopyOption.REPLACE_EXISTING);
            Files.copy(war, server.resolve("apps").resolve("herald.war"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(server.resolve("bootstrap.properties"),
                    "HTTP_HOST=127.0.0.1\nHTTP_PORT=" + port + "\nHTTPS_PORT=-1\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** server-config/liberty/server.xml deploys at the root context. */
    public URI base() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    public URI health() {
        return URI.create("http://127.0.0.1:" + port + "/health/ready");
    }

    public void start(List<String> settings) {
        try {
            Files.write(server.resolve("jvm.options"), settings.stream().map(s -> "-D" + s).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start(List.of("/bin/sh", home.resolve("bin/server").toString(), "run", "herald"),
                Map.of("WLP_USER_DIR", userDir.toString(), "JVM_ARGS", "-Xmx512m"),
                List.of(health(), base().resolve("herald.js")));
    }
}
