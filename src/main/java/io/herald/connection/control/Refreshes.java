package io.herald.connection.control;

import io.herald.channel.control.ChannelPolicy;
import io.herald.channel.entity.ChannelName;
import io.herald.delivery.control.Hub;
import io.herald.delivery.control.Subscription;
import io.herald.delivery.entity.Frame;
import io.herald.metrics.control.Meters;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.entity.Identity;
import java.util.List;
import java.util.function.Function;

/**
 * A newer credential for a live connection, as a ticket that the client got with its refreshed token (so
 * Herald verified the token when the ticket was issued, and no token travels in a frame). It must name the same subject; the
 * connection then lives until the new expiry. Every subscription is authorized again for the new identity
 * (its groups and roles may have changed): one it may no longer read ends with an {@code unsubscribed}
 * frame carrying the refusal, before the {@code refreshed} reply. Rejected: a raw token in the frame (a
 * token would then travel where logs and traces of frames may keep it; the ticket is single-use and short-lived); keeping subscriptions
 * because the subject is the same (a user removed from a group kept reading the group's channel).
 */
final class Refreshes {

    private final Function<String, Identity> tickets;
    private final ChannelPolicy policy;
    private final Hub hub;
    private final Meters meters;

    Refreshes(Function<String, Identity> tickets, ChannelPolicy policy, Hub hub, Meters meters) {
        this.tickets = tickets;
        this.policy = policy;
        this.hub = hub;
        this.meters = meters;
    }

    /** Security: the ticket is untrusted; it is redeemed (single use) before anything changes. */
    Frame refresh(Connection connection, ClientFrame.Refresh frame) {
        Identity fresh = tickets.apply(frame.ticket());
        Identity current = connection.identity();
        // the same kind too: a user whose sub happens to read "device:x" must not become device x, nor the reverse
        if (current.anonymous()
                || !current.subject().equals(fresh.subject())
                || current.isDevice() != fresh.isDevice()) {
            throw new Refusal(ErrorCode.FORBIDDEN, "a refresh must name the connection's subject");
        }
        connection.identify(fresh);
        reauthorize(connection, fresh);
        return Frames.refreshed(frame.ref(), fresh.expiry());
    }

    /** Ends the subscriptions {@code identity} may not read, each with an {@code unsubscribed} frame saying why. */
    private void reauthorize(Connection connection, Identity identity) {
        for (ChannelName channel : List.copyOf(connection.subscriptions().keySet())) {
            try {
                policy.subscribe(channel, identity);
            } catch (Refusal refusal) {
                Subscription subscription = connection.subscriptions().remove(channel);
                if (subscription != null) {
                    hub.unsubscribe(subscription);
                    meters.violation(refusal.code().code());
                    connection.send(Frames.unsubscribed(channel, refusal), 0);
                }
            }
        }
    }
}
