package io.herald.it;

import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 on a plain socket, from a loopback address of the test's choice (127.0.0.2 is another client to
 * the server than 127.0.0.1): for what java.net.http does not do, such as sending a body a byte at a time,
 * stopping halfway, leaving a waiting request, or sending a request line or header of any size.
 */
final class RawHttp implements AutoCloseable {

    /** An answer as the client saw it; header names in lower case. */
    record Answer(int status, Map<String, String> headers, String body) {

        boolean isJson() {
            return headers.getOrDefault("content-type", "").startsWith("application/json");
        }

        /** The error code of Herald's JSON error body; fails if the body is not one. */
        String errorCode() {
            JsonObject error = HeraldServer.json(body).getJsonObject("error");
            return error == null ? null : error.getString("code");
        }
    }

    /** What {@link #answerIfAny} returns while the request still waits. */
    static final Answer NONE = new Answer(0, Map.of(), "");

    private final Socket socket = new Socket();
    private final InputStream in;
    private final OutputStream out;
    private final String host;

    /** Connects to {@code herald} from {@code from} (a loopback address). */
    RawHttp(HeraldServer herald, String from) {
        try {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", herald.base().getPort()), 10_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        host = "127.0.0.1:" + herald.base().getPort();
    }

    /** Writes the request line and the headers (Host added), then {@code body} as it is: all of it, or a part. */
    RawHttp request(String method, String target, Map<String, String> headers, String body) {
        StringBuilder head = new StringBuilder(method)
                .append(' ')
                .append(target)
                .append(" HTTP/1.1\r\nHost: ")
                .append(host)
                .append("\r\n");
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return send(head.append("\r\n").append(body).toString());
    }

    /** Writes {@code text} now; false once the server has closed the connection. */
    RawHttp send(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Whether a byte could still be written (false: the server closed the connection). */
    boolean trySend(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Ends the request's side of the connection, as a client does that sent all it will send. */
    void endOutput() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The answer, read within {@code within}; null if the server closed the connection without one. */
    Answer answer(Duration within) {
        Answer answer = answerIfAny(within);
        if (answer == NONE) {
            throw new AssertionError("no answer within " + within);
        }
        return answer;
    }

    /** The answer if one begins within {@code within}, {@link #NONE} if none does; null if the server closed. */
    Answer answerIfAny(Duration within) {
        try {
            socket.setSoTimeout((int) within.toMillis());
            String status = line();
            if (status == null) {
                return null;
            }
            // the answer has begun: the rest of it may take a moment longer than its first byte did
            socket.setSoTimeout((int) Math.max(within.toMillis(), 10_000));
            Map<String, String> headers = new HashMap<>();
            for (String line = line(); line != null && !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                headers.put(
                        line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
            int code = Integer.parseInt(status.split(" ")[1]);
            return new Answer(code, headers, code == 204 || code == 304 ? "" : body(headers));
        } catch (SocketTimeoutException e) {
            return NONE;
        } catch (IOException e) {
            return null;
        }
    }

    private String body(Map<String, String> headers) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16);
                    size > 0;
                    size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                body.write(in.readNBytes(size));
                line();
            }
            line();
        } else if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else if ("close".equalsIgnoreCase(headers.get("connection")) || !headers.containsKey("connection")) {
            // no length: the body ends with the connection (a refused WebSocket upgrade on Payara)
            try {
                body.write(in.readAllBytes());
            } catch (SocketTimeoutException e) {
                // what came is the body
            }
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
