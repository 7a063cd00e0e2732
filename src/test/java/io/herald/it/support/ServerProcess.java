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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An application server as a child process: started with a command, ready when its probe URLs answer
 * 200, and always destroyed with its children (by {@link #close()}, or a shutdown hook if the run dies).
 */
public class ServerProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration STARTUP = Duration.ofSeconds(180);

    private final String name;
    private final Path logs;
    private final Thread hook = new Thread(this::stop, "server-stopper");
    private Process process;
    private int boots;

    protected ServerProcess(String name, Path logs) {
        this.name = name;
        this.logs = logs;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Runs {@code command} and returns once every probe answers 200; fails with the log's path. */
    protected void start(List<String> command, Map<String, String> environment, List<URI> probes) {
        Path log = logs.resolve(name + "-" + ++boots + ".log");
        try {
            Files.createDirectories(logs);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ", see " + log);
            }
            if (probes.stream().allMatch(ServerProcess::answers)) {
                return;
            }
            pause(250);
        }
        stop();
        throw new AssertionError(name + " was not ready within " + STARTUP + ", see " + log);
    }

    /** Stops the server (SIGTERM, then SIGKILL after 20 s) and waits until it is gone. */
    public synchronized void stop() {
        Process running = process;
        process = null;
        if (running == null || !running.isAlive()) {
            return;
        }
        List<ProcessHandle> children = running.descendants().toList();
        running.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!running.waitFor(20, TimeUnit.SECONDS)) {
                children.forEach(ProcessHandle::destroyForcibly);
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
        if (!Files.exists(path)) {
            throw new AssertionError(path + " is missing: run the tests with 'mvn verify'");
        }
        return path;
    }

    public static int freePort() {
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

    private static boolean answers(URI url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
