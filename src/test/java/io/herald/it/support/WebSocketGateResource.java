package io.herald.it.support;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

/** Deployed with the test endpoints only: opens and closes WebSocket upgrades, as a proxy would. */
@RequestScoped
@Path("test/websocket")
public class WebSocketGateResource {

    @Inject
    SwitchableUpgrades upgrades;

    @PUT
    public void allow(String allowed) {
        upgrades.allow(Boolean.parseBoolean(allowed.trim()));
    }
}
