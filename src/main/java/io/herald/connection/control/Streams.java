package io.herald.connection.control;

import io.herald.connection.entity.Close;
import io.herald.connection.entity.Cursor;
import io.herald.security.entity.Identity;

/**
 * Server-sent event streams: a one-way connection subscribed to every channel of the client's cursor,
 * each resumed from its position exactly as a WebSocket subscribe with {@code since} would be.
 */
public final class Streams {

    private final Connections connections;
    private final Commands commands;

    public Streams(Connections connections, Commands commands) {
        this.connections = connections;
        this.commands = commands;
    }

    /**
     * Opens the stream for a client at remote {@code address}; a refusal here comes before anything was
     * written to the client.
     */
    public Connection open(Transport transport, Cursor cursor, Identity identity, String address) {
        Connection connection = connections.listen(transport, identity, address);
        try {
            for (Cursor.Entry entry : cursor.entries()) {
                commands.subscribe(connection, null, entry.channel(), entry.position());
            }
        } catch (RuntimeException e) {
            connections.close(connection, Close.WRITE_FAILED);
            throw e;
        }
        return connection;
    }
}
