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
 * An application server as a child process running Herald's WAR with settings given as system properties
 * (MicroProfile Config reads them before the WAR's own file): started with a command, ready when its probe
 * URLs answer 200, and always destroyed with its children (by {@link #close()}, or a shutdown hook if the
 * run dies). Which server the integration tests use is the system property {@code herald.server}.
 */
public abstract class ServerProcess implements AutoCloseable {

    /** The servers the suite runs on; failsafe runs it once per server (pom.xml). */
    public static final List<String> KINDS = List.of("payara", "wildfly", "liberty");

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    /** How long a server may take to start: -Dherald.startup-seconds (failsafe passes it on); 3 minutes by default. */
    private static final Duration STARTUP = Duration.ofSeconds(Long.getLong("herald.startup-seconds", 180));

    private final String name;
    private final Path logs;
    private final Thread hook = new Thread(this::stop, "server-stopper");
    private Process process;
    private Path log;
    private int boots;

    /** {@code work} is this server's own folder, emptied first: nothing of an earlier run (keystores, data) stays. */
    protected ServerProcess(String name, Path work) {
        this.name = name;
        this.logs = work;
        delete(work);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** This server's own folder (logs, generated configuration). */
    protected Path logs() {
        return logs;
    }

    private static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server the tests run on: {@code -Dherald.server=payara|wildfly|liberty}, Payara Micro by default. */
    public static String kind() {
        String kind = System.getProperty("herald.server", "payara");
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("herald.server=" + kind + ", expected one of " + KINDS);
        }
        return kind;
    }

    /** A server of {@code kind} that will deploy {@code war} with {@code settings} ("name=value"); not started yet. */
    public static ServerProcess of(String kind, Path war, List<String> settings, Path work) {
        return switch (kind) {
            case "payara" -> new PayaraProcess(war, settings, work);
            case "wildfly" -> new WildFlyProcess(war, settings, work);
            case "liberty" -> new LibertyProcess(war, settings, work);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    public String name() {
        return name;
    }

    /** The loopback port of the plain HTTP listener. */
    protected abstract int httpPort();

    /** The loopback port of the TLS listener (the suite's {@link TestKeystore}). */
    protected abstract int httpsPort();

    /** Where the server deploys the WAR, beginning and ending in '/'. */
    protected abstract String contextRoot();

    /** The application's base URL, ending in '/'. */
    public URI base() {
        return URI.create("http://127.0.0.1:" + httpPort() + contextRoot());
    }

    /** The application's base URL over TLS, ending in '/'. */
    public URI secureBase() {
        return URI.create("https://127.0.0.1:" + httpsPort() + contextRoot());
    }

    /** MicroProfile Health's readiness URL: at the HTTP port's root, where Payara and Liberty serve it. */
    public URI health() {
        return URI.create("http://127.0.0.1:" + httpPort() + "/health/ready");
    }

    /** The application-scope metrics URL, or {@code null} on a server without MicroProfile Metrics (WildFly). */
    public URI metrics() {
        return URI.create("http://127.0.0.1:" + httpPort() + "/metrics?scope=application");
    }

    /** Starts the server and returns once it is ready and the WAR answers; again after {@link #stop()}. */
    public abstract void start();

    /** What the server printed during its latest boot (the file grows while it runs). */
    public Path log() {
        return log;
    }

    /** Runs {@code command} and returns once every probe answers 200; fails with the log's path. */
    protected void start(List<String> command, Map<String, String> environment, List<URI> probes) {
        log = logs.resolve(name + "-" + ++boots + ".log");
        try {
            Files.createDirectories(logs);
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
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

    /** The server's JVM: the process started, or the one its launch script started. */
    public synchronized ProcessHandle jvm() {
        Process running = process;
        if (running == null) {
            throw new IllegalStateException(name + " is not running");
        }
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(running.toHandle()), running.descendants())
                .filter(handle -> handle.info()
                        .command()
                        .map(command -> command.endsWith("/java"))
                        .orElse(false))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no JVM among " + name + "'s processes"));
    }

    /**
     * Sends SIGTERM to the server's JVM only, as an orchestrator stopping a container does (the launch script
     * around it, if any, is left to end with it), and waits up to {@code timeout} for the server to exit.
     * Returns the JVM's exit code, or fails (after killing it) if it did not exit in time.
     */
    public synchronized int terminate(Duration timeout) {
        Process running = process;
        if (running == null) {
            throw new IllegalStateException(name + " is not running");
        }
        ProcessHandle jvm = jvm();
        List<ProcessHandle> tree = java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(running.toHandle()), running.descendants())
                .toList();
        jvm.destroy();
        try {
            jvm.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            for (ProcessHandle handle : tree) {
                handle.onExit().get(10, TimeUnit.SECONDS);
            }
            return running.waitFor(10, TimeUnit.SECONDS) ? running.exitValue() : -1;
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            stop();
            throw new AssertionError(name + " did not exit within " + timeout + " of SIGTERM, see " + log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            process = null;
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
            HttpRequest request = HttpRequest.newBuilder(url)
                    .timeout(Duration.ofSeconds(2))
                    .GET()
                    .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
