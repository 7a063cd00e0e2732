package io.herald.security.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.control.Tickets;
import io.herald.security.entity.CallerPrincipal;
import io.herald.security.entity.Device;
import io.herald.security.entity.Identity;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The caller of a request, as the resources get it: the gates' principal, a ticket where one is taken. */
class CallerTest {

    private final Tickets tickets = new Tickets(Duration.ofSeconds(30), System::nanoTime);
    private final Identity alice = new Identity("alice", Set.of("red"), false, null);
    private final Device lobby = new Device("lobby-1", Set.of("displays"), Instant.parse("2026-01-05T08:00:00Z"));

    /** A request as CDI injects it: the container's own principal, and the attributes the gates set. */
    private static HttpServletRequest request(Principal container, Map<String, Object> attributes) {
        return (HttpServletRequest) Proxy.newProxyInstance(
                CallerTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getUserPrincipal" -> container;
                    case "getAttribute" -> attributes.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private Caller caller(Principal container, Map<String, Object> attributes) {
        Caller caller = new Caller();
        caller.request = request(container, attributes);
        caller.tickets = tickets;
        return caller;
    }

    @Test
    void withoutCredentialOrTicketTheCallerIsAnonymous() {
        Caller caller = caller(null, Map.of());
        assertSame(Identity.ANONYMOUS, caller.identity());
        assertSame(Identity.ANONYMOUS, caller.identity(null));
    }

    @Test
    void theDeviceThatPassedTheGatesIsTheCallerThoughTheContainerKnowsNone() {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(Caller.PRINCIPAL, new CallerPrincipal(Identity.of(lobby)));
        assertEquals(Identity.of(lobby), caller(null, attributes).identity());
        assertEquals("bob", caller(() -> "bob", Map.of()).identity().subject(), "else the container's principal");
    }

    @Test
    void aTicketIsTheCallerOnlyWhereATransportTakesOneAndIsUsedOncePerRequest() {
        String ticket = tickets.issue(alice);
        Caller caller = caller(null, Map.of());
        assertSame(Identity.ANONYMOUS, caller.identity());
        assertEquals(alice, caller.identity(ticket));
        assertEquals(alice, caller.identity(ticket), "asked again in the same request: not redeemed again");
        Refusal used = assertThrows(Refusal.class, () -> caller(null, Map.of()).identity(ticket));
        assertEquals(ErrorCode.UNAUTHENTICATED, used.code());
    }

    @Test
    void aTicketBesideACredentialIsUsedUpAndTheCredentialWins() {
        String ticket = tickets.issue(alice);
        Map<String, Object> attributes = Map.of(Caller.PRINCIPAL, new CallerPrincipal(Identity.of(lobby)));
        assertEquals(Identity.of(lobby), caller(null, attributes).identity(ticket));
        assertThrows(Refusal.class, () -> caller(null, Map.of()).identity(ticket));
        assertThrows(
                Refusal.class,
                () -> caller(null, attributes).identity("unknown"),
                "an unknown ticket is refused even beside a credential");
    }
}
