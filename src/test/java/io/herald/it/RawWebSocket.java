package io.herald.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain socket with a tiny receive buffer, for behaving like a stalled
 * browser: when it does not read, TCP pushes back on the server at once (the JDK client would keep
 * reading into its own memory).
 */
public final class RawWebSocket implements AutoCloseable {

    /** What the server ended the connection with: its close code, or -1 if the socket just ended. */
    public record Ending(int closeCode, int textFrames) {}

    private final Socket socket = new Socket();
    private final DataInputStream in;
    private final OutputStream out;

    public RawWebSocket(URI uri) throws IOException {
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
        socket.setSoTimeout(30_000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        out.write(("GET " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                        + "Sec-WebSocket-Protocol: herald.v1\r\nSec-WebSocket-Key: "
                        + Base64.getEncoder().encodeToString(nonce) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        String head = readHead(in);
        String status = head.substring(0, head.indexOf("\r\n"));
        if (!status.startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + status);
        }
    }

    /**
     * Keeps writing a pong every 200 ms without reading anything: a client whose reading is stuck but
     * which is not idle, so that only the outbox bound can close it.
     */
    public void keepTalking() {
        Thread talker = new Thread(
                () -> {
                    while (!socket.isClosed()) {
                        try {
                            sendText("{\"type\":\"pong\"}");
                            Thread.sleep(200);
                        } catch (IOException | InterruptedException e) {
                            return;
                        }
                    }
                },
                "stalled-client-talker");
        talker.setDaemon(true);
        talker.start();
    }

    public synchronized void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** Reads everything the server sends until it closes, counting text frames. */
    public Ending readToEnd() throws IOException {
        int texts = 0;
        try {
            while (true) {
                int first = in.readUnsignedByte();
                int second = in.readUnsignedByte();
                long length = second & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                int opcode = first & 0x0f;
                if (opcode == 0x8) {
                    return new Ending(
                            payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005, texts);
                }
                if (opcode == 0x1) {
                    texts++;
                }
            }
        } catch (EOFException | SocketTimeoutException | java.net.SocketException e) {
            return new Ending(-1, texts);
        }
    }

    /**
     * What the server answers a WebSocket handshake (status line, headers and body) when it refuses it; just
     * the status line when it accepts it (the connection is then dropped).
     */
    public static String handshake(URI uri) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("GET " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":"
                                    + uri.getPort()
                                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                                    + "Sec-WebSocket-Protocol: herald.v1\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            String head = readHead(in);
            if (head.startsWith("HTTP/1.1 101")) {
                return head.substring(0, head.indexOf("\r\n"));
            }
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length:\\s*(\\d+)")
                    .matcher(head);
            byte[] body;
            if (length.find()) {
                body = new byte[Integer.parseInt(length.group(1))];
                in.readFully(body);
            } else {
                body = in.readAllBytes();
            }
            return head + new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The status line and the headers, up to the blank line. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the handshake");
            }
            headers.append((char) b);
        }
        return headers.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
