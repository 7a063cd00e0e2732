package io.herald.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Set;
import java.util.stream.Collectors;
import redis.embedded.RedisServer;

/**
 * A real redis-server (6.2, from the embedded-redis package) on a free loopback port, no persistence. It can
 * be stalled like a server that stops answering without closing its connections ({@link #pause()}: SIGSTOP).
 */
public final class TestRedis implements AutoCloseable {

    private final int port;
    private RedisServer server;
    private ProcessHandle process;
    private boolean paused;

    public TestRedis() {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
    }

    public URI url() {
        return URI.create("redis://127.0.0.1:" + port);
    }

    public void start() {
        try {
            Set<Long> before = servers();
            server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            server.start();
            process = ProcessHandle.current()
                    .descendants()
                    .filter(p -> !before.contains(p.pid()))
                    .filter(TestRedis::isRedis)
                    .findFirst()
                    .orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stalls the server (SIGSTOP): connections stay open, nothing is answered until {@link #resume()}. */
    public void pause() {
        signal("-STOP");
        paused = true;
    }

    /** Lets a paused server go on (SIGCONT): it answers what it was sent meanwhile, in order. */
    public void resume() {
        signal("-CONT");
        paused = false;
    }

    @Override
    public void close() {
        if (paused) {
            resume();
        }
        stop();
    }

    private void signal(String signal) {
        if (process == null) {
            throw new IllegalStateException("the redis-server process of port " + port + " was not found");
        }
        try {
            int exit = new ProcessBuilder("kill", signal, Long.toString(process.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill " + signal + " " + process.pid() + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Set<Long> servers() {
        return ProcessHandle.current()
                .descendants()
                .filter(TestRedis::isRedis)
                .map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    private static boolean isRedis(ProcessHandle process) {
        return process.info()
                .command()
                .map(command -> command.contains("redis"))
                .orElse(false);
    }
}
