package io.herald.connection.control;

import io.herald.connection.entity.Close;
import io.herald.problem.entity.Refusal;
import io.herald.security.control.Devices;
import io.herald.security.entity.Device;
import io.herald.security.entity.Identity;
import java.util.Optional;
import java.util.Set;

/**
 * Ends device connections whose credential is gone: closed with {@code 4509 revoked} when the device was
 * revoked, or provisioned again with a new token (a connection opened with the old token is not one the
 * administrator still wants). On the node where the change was made this happens at once; every node
 * also re-checks its connected devices against the store periodically, which is how a change made on
 * another node arrives (Redis mode). Rejected: a Redis pub/sub message per revocation, which is lost
 * while a node is disconnected and would need the periodic re-check anyway.
 */
public final class Revocations {

    private static final System.Logger LOG = System.getLogger(Revocations.class.getName());

    private final Connections connections;
    private final Devices devices;

    public Revocations(Connections connections, Devices devices) {
        this.connections = connections;
        this.devices = devices;
    }

    /** Device {@code id} was revoked or got a new token on this node. */
    public void changed(String id) {
        recheck(Set.of(id));
    }

    /** Every device connected here, against the store. */
    public void recheck() {
        recheck(connections.devices());
    }

    private void recheck(Set<String> ids) {
        for (String id : ids) {
            Optional<Device> current;
            try {
                current = devices.find(id);
            } catch (Refusal unavailable) {
                // an unknown answer is not a revocation: keep the connections, ask again next time
                LOG.log(System.Logger.Level.DEBUG, "device re-check postponed: {0}", unavailable.getMessage());
                return;
            }
            int closed = connections.close(identity -> stale(identity, id, current), Close.REVOKED);
            if (closed > 0) {
                LOG.log(
                        System.Logger.Level.INFO,
                        "closed {0} connection(s) of device {1}: its token was {2}",
                        closed,
                        id,
                        current.isPresent() ? "replaced" : "revoked");
            }
        }
    }

    private static boolean stale(Identity identity, String id, Optional<Device> current) {
        return identity.isDevice()
                && identity.device().id().equals(id)
                && !current.map(identity.device()::equals).orElse(false);
    }
}
