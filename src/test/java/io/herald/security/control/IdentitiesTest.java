package io.herald.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.entity.CallerPrincipal;
import io.herald.security.entity.Device;
import io.herald.security.entity.Identity;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdentitiesTest {

    private static JsonObject claims(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    @Test
    void aTokenGivesSubjectGroupsAndExpiry() {
        Identity identity = Identities.ofClaims(claims("{\"sub\":\"u-17\",\"upn\":\"alice@example.com\","
                + "\"groups\":[\"red\",\"herald-publisher\"],\"exp\":1800000000}"));
        assertEquals("u-17", identity.subject());
        assertEquals(Set.of("red", "herald-publisher"), identity.groups());
        assertEquals(Instant.ofEpochSecond(1_800_000_000L), identity.expiry());
        assertFalse(identity.anonymous());
    }

    @Test
    void aTokenWithoutGroupsOrExpiryHasNone() {
        Identity identity = Identities.ofClaims(claims("{\"sub\":\"svc\"}"));
        assertEquals(Set.of(), identity.groups());
        assertNull(identity.expiry());
    }

    @Test
    void theSubjectIsSubElseUpnElsePreferredUsername() {
        assertEquals("alice", Identities.ofClaims(claims("{\"upn\":\"alice\"}")).subject());
        assertEquals(
                "bob",
                Identities.ofClaims(claims("{\"preferred_username\":\"bob\"}")).subject());
    }

    @Test
    void aTokenWithoutSubjectIsRefused() {
        assertEquals(
                ErrorCode.UNAUTHENTICATED,
                assertThrows(Refusal.class, () -> Identities.ofClaims(claims("{\"groups\":[\"red\"]}")))
                        .code());
        assertThrows(Refusal.class, () -> Identities.ofClaims(claims("{\"sub\":\" \"}")));
    }

    @Test
    void noPrincipalIsAnonymousAndAPrincipalWinsOverATicket() {
        Identity ticket = new Identity("bob", Set.of(), false, null);
        Identity alice = new Identity("alice", Set.of(), false, null);
        assertSame(Identity.ANONYMOUS, Identities.of((java.security.Principal) null));
        assertSame(ticket, Identities.of(null, ticket));
        assertSame(alice, Identities.of(new CallerPrincipal(alice), ticket));
    }

    @Test
    void aVerifiedDeviceIsADeviceAndATokenNeverIs() {
        Identity lobby = Identity.of(new Device("lobby-1", Set.of("displays"), Instant.EPOCH));
        assertSame(lobby, Identities.of(new CallerPrincipal(lobby)));
        assertSame(lobby, Identities.of(new CallerPrincipal(lobby), new Identity("bob", Set.of(), false, null)));
        Identity lookalike = Identities.ofClaims(claims("{\"sub\":\"device:lobby-1\",\"groups\":[\"displays\"]}"));
        assertEquals("device:lobby-1", lookalike.subject());
        assertFalse(lookalike.isDevice(), "no claim makes a JWT a device");
    }
}
