package io.herald.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/** WildFly (standalone-microprofile.xml) unpacked by the build, with its own base directory and port offset. */
public final class WildFlyProcess extends ServerProcess {

    private final Path home;
    private final Path base;
    private final List<String> settings;
    private final int offset;
    private boolean configured;

    /** {@code settings} are system properties ("name=value") on the server's command line. */
    public WildFlyProcess(Path war, List<String> settings, Path work) {
        super("wildfly", work);
        this.home = required("herald.wildfly.home", "target/servers/wildfly");
        this.settings = settings;
        this.base = work.resolve("standalone").toAbsolutePath();
        this.offset = freeOffset();
        copyTree(home.resolve("standalone"), base);
        try {
            Files.copy(war, base.resolve("deployments").resolve("herald.war"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected int httpPort() {
        return 8080 + offset;
    }

    @Override
    protected int httpsPort() {
        return 8443 + offset;
    }

    @Override
    protected String contextRoot() {
        return "/herald/";
    }

    @Override
    public URI health() {
        return URI.create("http://127.0.0.1:" + (9990 + offset) + "/health/ready");
    }

    /** WildFly has had no MicroProfile Metrics since 28 (docs/deploy.md). */
    @Override
    public URI metrics() {
        return null;
    }

    @Override
    public void start() {
        if (!configured) {
            configure();
            configured = true;
        }
        List<String> command = new ArrayList<>(List.of(
                "/bin/sh",
                home.resolve("bin/standalone.sh").toString(),
                "-c",
                "standalone-microprofile.xml",
                "-b",
                "127.0.0.1",
                "-bmanagement",
                "127.0.0.1",
                "-Djboss.server.base.dir=" + base,
                "-Djboss.socket.binding.port-offset=" + offset));
        settings.forEach(setting -> command.add("-D" + setting));
        start(
                command,
                Map.of(
                        "JAVA_OPTS",
                        "-Xmx512m",
                        "KEYSTORE_LOCATION",
                        TestKeystore.get().file().toString(),
                        "KEYSTORE_PASSWORD",
                        TestKeystore.get().password()),
                List.of(health(), base().resolve("herald.js")));
    }

    /** Applies server-config/wildfly/herald.cli to this server's configuration, offline, as an operator would. */
    private void configure() {
        Path script = Path.of("server-config/wildfly/herald.cli").toAbsolutePath();
        Path log = base.getParent().resolve("herald-cli.log");
        try {
            ProcessBuilder builder = new ProcessBuilder(
                            "/bin/sh", home.resolve("bin/jboss-cli.sh").toString(), "--file=" + script)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            // the embedded server edits this server's copy of the configuration, not the unpacked one
            builder.environment().put("JAVA_OPTS", "-Djboss.server.base.dir=" + base);
            // the embedded server checks that the expressions resolve, so the script runs with them set too
            builder.environment()
                    .put("KEYSTORE_LOCATION", TestKeystore.get().file().toString());
            builder.environment().put("KEYSTORE_PASSWORD", TestKeystore.get().password());
            Process cli = builder.start();
            if (!cli.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) || cli.exitValue() != 0) {
                cli.destroyForcibly();
                throw new AssertionError("server-config/wildfly/herald.cli failed, see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freeOffset() {
        for (int attempt = 0; attempt < 50; attempt++) {
            // every port below 32768, where the kernel never hands out a client socket's local port
            int offset = ThreadLocalRandom.current().nextInt(1_000, 22_000);
            if (free(8080 + offset) && free(9990 + offset) && free(8443 + offset) && free(9993 + offset)) {
                return offset;
            }
        }
        throw new IllegalStateException("no free port offset for WildFly");
    }

    private static boolean free(int port) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void copyTree(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
