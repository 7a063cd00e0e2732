package io.herald.connection.boundary;

import io.herald.connection.control.Commands;
import io.herald.connection.control.Connections;
import io.herald.connection.control.Upgrades;
import io.herald.connection.entity.Limits;
import io.herald.security.control.DeviceCredentials;
import io.herald.security.control.Tickets;
import io.herald.security.control.TokenHeader;
import io.herald.security.control.Tokens;
import jakarta.enterprise.inject.spi.CDI;

/**
 * What a WebSocket handshake and its endpoint use from the node, looked up from CDI once rather than per
 * connection: every one of these is a singleton (or an application-scoped proxy), and on Payara a lookup
 * per handshake ({@code CDI.current()} walks the caller's stack on Weld) and a CDI-made endpoint (Tyrus
 * builds a new injection target for each, keeps it with its copies of the endpoint's fields for the
 * life of the connection, and does so under one lock) cost CPU and memory per connection
 * (docs/performance.md "Handshakes").
 */
record WebSocketParts(
        Connections connections,
        Commands commands,
        Limits limits,
        Upgrades upgrades,
        Tickets tickets,
        DeviceCredentials devices,
        TokenHeader tokenHeader,
        Tokens tokens) {

    static WebSocketParts lookUp() {
        CDI<Object> cdi = CDI.current();
        return new WebSocketParts(
                cdi.select(Connections.class).get(),
                cdi.select(Commands.class).get(),
                cdi.select(Limits.class).get(),
                cdi.select(Upgrades.class).get(),
                cdi.select(Tickets.class).get(),
                cdi.select(DeviceCredentials.class).get(),
                cdi.select(TokenHeader.class).get(),
                cdi.select(Tokens.class).get());
    }
}
