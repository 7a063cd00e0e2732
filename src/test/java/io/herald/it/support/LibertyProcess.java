package io.herald.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
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
    private final List<String> settings;
    private final int port;
    private final int securePort;

    /** {@code settings} are system properties ("name=value"), written to the server's jvm.options. */
    public LibertyProcess(Path war, List<String> settings, Path work) {
        super("liberty", work);
        this.home = required("herald.liberty.home", "target/servers/wlp");
        this.settings = settings;
        this.userDir = work.resolve("usr").toAbsolutePath();
        this.server = userDir.resolve("servers").resolve("herald");
        this.port = freePort();
        this.securePort = freePort();
        try {
            Files.createDirectories(server.resolve("apps"));
            Files.copy(
                    Path.of("server-config/liberty/server.xml"),
                    server.resolve("server.xml"),
                    StandardCopyOption.REPLACE_EXISTING);
            Files.copy(war, server.resolve("apps").resolve("herald.war"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(
                    server.resolve("bootstrap.properties"),
                    "HTTP_HOST=127.0.0.1\nHTTP_PORT=" + port + "\nHTTPS_PORT=" + securePort + "\n"
                            // INFO on the console too, so the log the tests read is the whole log
                            + "com.ibm.ws.logging.console.log.level=INFO\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected int httpPort() {
        return port;
    }

    @Override
    protected int httpsPort() {
        return securePort;
    }

    /** server-config/liberty/server.xml deploys at the root context. */
    @Override
    protected String contextRoot() {
        return "/";
    }

    @Override
    public void start() {
        try {
            Files.write(
                    server.resolve("jvm.options"),
                    settings.stream().map(s -> "-D" + s).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start(
                List.of("/bin/sh", home.resolve("bin/server").toString(), "run", "herald"),
                Map.of(
                        "WLP_USER_DIR",
                        userDir.toString(),
                        "JVM_ARGS",
                        "-Xmx512m",
                        "KEYSTORE_LOCATION",
                        TestKeystore.get().file().toString(),
                        "KEYSTORE_PASSWORD",
                        TestKeystore.get().password()),
                List.of(health(), base().resolve("herald.js")));
    }
}
