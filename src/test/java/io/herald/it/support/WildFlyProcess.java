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
    private final int offset;

    public WildFlyProcess(Path home, Path war, Path work) {
        super("wildfly", work);
        this.home = home;
        this.base = work.resolve("standalone").toAbsolutePath();
        this.offset = freeOffset();
        copyTree(home.resolve("standalone"), base);
        try {
            Files.copy(war, base.resolve("deployments").resolve("herald.war"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + (8080 + offset) + "/herald/");
    }

    /** WildFly serves MicroProfile Health on its management port. */
    public URI health() {
        return URI.create("http://127.0.0.1:" + (9990 + offset) + "/health/ready");
    }

    public void start(List<String> settings) {
        List<String> command = new ArrayList<>(List.of("/bin/sh", home.resolve("bin/standalone.sh").toString(),
                "-c", "standalone-microprofile.xml", "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
                "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + offset));
        settings.forEach(setting -> command.add("-D" + setting));
        start(command, Map.of("JAVA_OPTS", "-Xmx512m"), List.of(health(), base().resolve("herald.js")));
    }

    private static int freeOffset() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int offset = ThreadLocalRandom.current().nextInt(20_000, 50_000);
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
