package io.herald.it.support;

import io.herald.connection.control.Upgrades;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.interceptor.Interceptor;

/**
 * Deployed with the test endpoints only: replaces the WAR's {@link Upgrades} (an enabled alternative wins
 * over its producer), so that {@link WebSocketGateResource} can open and close WebSocket upgrades at run
 * time as a proxy would. Starts open, as the tests' configuration does.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class SwitchableUpgrades extends Upgrades {

    private volatile boolean allowed = true;

    public SwitchableUpgrades() {
        super(true);
    }

    @Override
    public boolean allowed() {
        return allowed;
    }

    public void allow(boolean allowed) {
        this.allowed = allowed;
    }
}
