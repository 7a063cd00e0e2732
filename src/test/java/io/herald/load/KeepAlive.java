package io.herald.load;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection that sends a request and reads its answer on the caller's thread.
 * Rejected: the JDK's HttpClient, which spends more CPU per request than the cheap requests being measured
 * (its selector thread, futures and header maps saturated the client core in fanout-longpoll), so the
 * client would measure itself.
 */
final class KeepAlive implements AutoCloseable {

    /** What a request got back: the status, the ETag (null when none) and the body. */
    record Answer(int status, String etag, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final InetSocketAddress address;
    private final String hostHeader;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int reconnects = -1;

    KeepAlive(URI url) {
        int port = url.getPort() > 0 ? url.getPort() : 80;
        this.address = new InetSocketAddress(url.getHost(), port);
        this.hostHeader = url.getHost() + ":" + port;
    }

    /** The connections opened again after the server closed one (the first open is not counted). */
    int reconnects() {
        return Math.max(0, reconnects);
    }

    /** Sends {@code method target} with {@code headers} (each "Name: value") and {@code body} (may be null). */
    Answer send(String method, String target, String[] headers, byte[] body) throws IOException {
        if (socket == null) {
            open();
        }
        StringBuilder request = new StringBuilder(128)
                .append(method)
                .append(' ')
                .append(target)
                .append(" HTTP/1.1\r\nHost: ")
                .append(hostHeader)
                .append("\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        if (body != null) {
            request.append("Content-Length: ").append(body.length).append("\r\n");
        }
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.write(body);
        }
        out.flush();
        return read(method.equals("HEAD"));
    }

    private Answer read(boolean head) throws IOException {
        String statusLine = line();
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        String etag = null;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                close = value.equalsIgnoreCase("close");
            } else if (name.equalsIgnoreCase("ETag")) {
                etag = value;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(length > 0 ? (int) length : 256);
        if (head || status == 304 || status == 204 || status / 100 == 1) {
            // no body
        } else if (chunked) {
            for (long size = chunk(); size > 0; size = chunk()) {
                copy(size, body);
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (length >= 0) {
            copy(length, body);
        } else {
            close = true; // read until the server closes
            in.transferTo(body);
        }
        if (close) {
            close();
        }
        return new Answer(status, etag, body.toByteArray());
    }

    private long chunk() throws IOException {
        String size = line();
        int extension = size.indexOf(';');
        return Long.parseLong(
                extension < 0 ? size.trim() : size.substring(0, extension).trim(), 16);
    }

    private void copy(long count, ByteArrayOutputStream body) throws IOException {
        byte[] buffer = new byte[(int) Math.min(count, 8_192)];
        long left = count;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(left, buffer.length));
            if (read < 0) {
                throw new IOException("connection closed in a body");
            }
            body.write(buffer, 0, read);
            left -= read;
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed by the server");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private void open() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(address, 10_000);
        socket.setSoTimeout(60_000);
        in = new BufferedInputStream(socket.getInputStream(), 16_384);
        out = new BufferedOutputStream(socket.getOutputStream(), 4_096);
        reconnects++;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
            socket = null;
        }
    }
}
