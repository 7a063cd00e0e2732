package io.herald.it;

import io.herald.it.support.TestIssuer;
import java.util.ArrayList;
import java.util.List;

/**
 * The server the tests of Herald's HTTP edge share (ErrorBodiesIT, SlowClientsIT, LongCursorsIT): the shipped
 * limits (128 channels a cursor, a 10 s body timeout, the server-config header limits), a trusted issuer, open
 * namespaces, and few places for waiting polls, so that filling them takes a moment.
 */
final class EdgeServer {

    static final TestIssuer SSO = new TestIssuer();

    /** Places for waiting long-polls on the node, and for one address (SlowClientsIT fills them). */
    static final int MAX_WAITING_POLLS = 60;

    static final int MAX_WAITING_POLLS_PER_ADDRESS = 40;

    private static final List<String> SETTINGS;

    static {
        List<String> settings = new ArrayList<>(List.of(
                "herald.channel.namespaces=demo,news",
                "herald.channel.anonymous=true",
                "herald.publish.anonymous=true",
                "herald.http.max-waiting-polls=" + MAX_WAITING_POLLS,
                "herald.http.max-waiting-polls-per-address=" + MAX_WAITING_POLLS_PER_ADDRESS));
        settings.addAll(SSO.settings());
        SETTINGS = List.copyOf(settings);
    }

    private EdgeServer() {}

    static List<String> settings() {
        return SETTINGS;
    }
}
