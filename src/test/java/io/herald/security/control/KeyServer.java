package io.herald.security.control;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An issuer's key URL on loopback: serves a JWK set and counts the fetches; or, {@link #silent()}, accepts
 * connections and never answers, as a hanging issuer would.
 */
final class KeyServer implements AutoCloseable {

    private final AtomicInteger fetches = new AtomicInteger();
    private final HttpServer http;
    private final ServerSocket silent;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private volatile String keys = "{\"keys\":[]}";

    KeyServer() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            byte[] body = keys.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        silent = null;
    }

    private KeyServer(ServerSocket silent) {
        this.http = null;
        this.silent = silent;
        Thread acceptor = new Thread(() -> {
            while (!silent.isClosed()) {
                try {
                    held.add(silent.accept());
                    fetches.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static KeyServer silent() throws IOException {
        return new KeyServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    void serve(JWKSet set) {
        keys = set.toString();
    }

    URL url() throws IOException {
        int port = http != null ? http.getAddress().getPort() : silent.getLocalPort();
        return new URL("http://127.0.0.1:" + port + "/jwks");
    }

    int fetches() {
        return fetches.get();
    }

    @Override
    public void close() throws IOException {
        if (http != null) {
            http.stop(0);
        }
        if (silent != null) {
            silent.close();
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
