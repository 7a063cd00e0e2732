package io.herald.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Payara Micro as a child process on a fixed loopback port, so that a test can stop and start the
 * server under an open page. Arquillian cannot restart a server within a test; this can. The process
 * is always destroyed: by {@link #close()}, and by a JVM shutdown hook if the test run dies.
 */
public final class PayaraProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration STARTUP = Duration.ofSeconds(180);

    private final Path war;
    private final List<String> settings;
    private final Path logs;
    private final int port;
    private final Thread hook = new Thread(this::stop, "payara-micro-stopper");
    private Process process;
    private int boots;

    /** {@code settings} are system properties ("name=value"): MicroProfile Config reads them first. */
    public PayaraProcess(Path war, List<String> settings, Path logs) {
        this.war = war;
        this.settings = settings;
        this.logs = logs;
        this.port = freePort();
        Runtime.getRuntime().addShutdownHook(hook);
    }

    public int port() {
        return port;
    }

    /** The application's base URL, ending in '/': the context root is the WAR's name. */
    public URI base() {
        return URI.create("http://127.0.0.1:" + port + "/herald/");
    }

    /** Starts the server and returns once it is ready and the WAR answers; fails with the log's path. */
    public void start() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        settings.forEach(setting -> command.add("-D" + setting));
        command.addAll(List.of("-jar", required("payara.microJar", "target/payara-micro.jar").toString(),
                "--deploy", war.toString(), "--port", String.valueOf(port), "--nocluster",
                "--prebootcommandfile", Path.of("src/test/resources/payara-loopback.asadmin").toAbsolutePath().toString()));
        Path log = logs.resolve("payara-" + ++boots + ".log");
        try {
            Files.createDirectories(logs);
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("Payara Micro exited with " + process.exitValue() + ", see " + log);
            }
            if (answers("http://127.0.0.1:" + port + "/health/ready") && answers(base() + "herald.js")) {
                return;
            }
            pause(250);
        }
        stop();
        throw new AssertionError("Payara Micro was not ready within " + STARTUP + ", see " + log);
    }

    /** Stops the server (SIGTERM, then SIGKILL after 20 s) and waits until it is gone. */
    public synchronized void stop() {
        Process running = process;
        process = null;
        if (running == null || !running.isAlive()) {
            return;
        }
        running.descendants().forEach(ProcessHandle::destroy);
        running.destroy();
        try {
            if (!running.waitFor(20, TimeUnit.SECONDS)) {
                running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            running.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs stop() anyway
        }
    }

    public static Path required(String property, String fallback) {
        Path path = Path.of(System.getProperty(property, fallback));
        if (!Files.isRegularFile(path)) {
            throw new AssertionError(path + " is missing: run the tests with 'mvn verify'");
        }
        return path;
    }

    private static boolean answers(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
