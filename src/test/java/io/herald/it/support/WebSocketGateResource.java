package io.herald.it.support;

import io.herald.connection.control.Upgrades;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

/** Deployed with the browser tests only: opens and closes WebSocket upgrades, as a proxy would. */
@RequestScoped
@Path("test/websocket")
public class WebSocketGateResource {

    @Inject
    Upgrades upgrades;

    @PUT
    public void allow(String allowed) {
        upgrades.allow(Boolean.parseBoolean(allowed.trim()));
    }
}
