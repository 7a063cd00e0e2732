package io.herald.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.entity.Identity;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TicketsTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final Tickets tickets = new Tickets(Duration.ofSeconds(30), now::get);
    private final Identity alice = new Identity("alice", Set.of("red"), false, null);

    @Test
    void aTicketIsRedeemedOnceForItsIdentity() {
        String ticket = tickets.issue(alice);
        assertTrue(tickets.valid(ticket));
        assertEquals(alice, tickets.redeem(ticket));
        assertEquals(
                ErrorCode.UNAUTHENTICATED,
                assertThrows(Refusal.class, () -> tickets.redeem(ticket)).code());
    }

    @Test
    void aTicketExpiresAfterItsLifetime() {
        String ticket = tickets.issue(alice);
        now.addAndGet(Duration.ofSeconds(30).toNanos() + 1);
        assertThrows(Refusal.class, () -> tickets.redeem(ticket));
    }

    @Test
    void ticketsAreRandomUrlSafeAndOnlyForAuthenticatedIdentities() {
        String one = tickets.issue(alice);
        assertNotEquals(one, tickets.issue(alice));
        assertTrue(one.matches("[A-Za-z0-9_-]{43}"), one);
        assertThrows(Refusal.class, () -> tickets.issue(Identity.ANONYMOUS));
        assertThrows(Refusal.class, () -> tickets.redeem(null));
        assertThrows(Refusal.class, () -> tickets.redeem("eyJhbGciOiJSUzI1NiJ9.e30.sig"));
    }

    @Test
    void aWebSocketOffersItsTicketAsASubprotocolInAnyHeaderAndPosition() {
        assertEquals("R0v9", Tickets.offered(List.of("herald.v1, herald.ticket.R0v9")));
        assertEquals("R0v9", Tickets.offered(List.of("herald.v1", " herald.ticket.R0v9 ")));
        assertNull(Tickets.offered(List.of("herald.v1")));
        assertNull(Tickets.offered(null));
    }
}
