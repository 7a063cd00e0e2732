package io.herald.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.herald.security.entity.Device;
import io.herald.security.entity.DevicePrincipal;
import io.herald.security.entity.Identity;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class IdentitiesTest {

    /** A verified token as MicroProfile JWT hands it over: only its claims matter here. */
    private record Token(Map<String, Object> claims) implements JsonWebToken {
        @Override
        public String getName() {
            return (String) claims.getOrDefault("upn", claims.get("sub"));
        }

        @Override
        public Set<String> getClaimNames() {
            return claims.keySet();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String name) {
            return (T) claims.get(name);
        }
    }

    @Test
    void aTokenGivesSubjectGroupsAndExpiry() {
        Identity identity = Identities.ofToken(new Token(Map.of("sub", "u-17", "upn", "alice@example.com",
                "groups", Set.of("red", "herald-publisher"), "exp", 1_800_000_000L)));
        assertEquals("u-17", identity.subject());
        assertEquals(Set.of("red", "herald-publisher"), identity.groups());
        assertEquals(Instant.ofEpochSecond(1_800_000_000L), identity.expiry());
        assertFalse(identity.anonymous());
    }

    @Test
    void aTokenWithoutGroupsOrExpiryHasNone() {
        Identity identity = Identities.ofToken(new Token(Map.of("sub", "svc")));
        assertEquals(Set.of(), identity.groups());
        assertNull(identity.expiry());
    }

    @Test
    void noPrincipalIsAnonymousAndAPrincipalWinsOverATicket() {
        Identity ticket = new Identity("bob", Set.of(), false, null);
        assertSame(Identity.ANONYMOUS, Identities.of((java.security.Principal) null));
        assertSame(ticket, Identities.of(null, ticket));
        assertEquals("u-1", Identities.of(new Token(Map.of("sub", "u-1")), ticket).subject());
    }

    @Test
    void aVerifiedDeviceIsADeviceAndATokenNeverIs() {
        Identity lobby = Identity.of(new Device("lobby-1", Set.of("displays"), Instant.EPOCH));
        assertSame(lobby, Identities.of(new DevicePrincipal(lobby)));
        assertSame(lobby, Identities.of(new DevicePrincipal(lobby), new Identity("bob", Set.of(), false, null)));
        Identity lookalike = Identities.ofToken(new Token(Map.of("sub", "device:lobby-1", "groups", Set.of("displays"))));
        assertEquals("device:lobby-1", lookalike.subject());
        assertFalse(lookalike.isDevice(), "no claim makes a JWT a device");
    }

    @Test
    void aTokenWhoseNotBeforeIsAheadIsNotValidYet() {
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        java.time.Duration skew = java.time.Duration.ofSeconds(30);
        assertEquals(true, Identities.notYetValid(new Token(Map.of("sub", "a", "nbf", 1_800_000_031L)), now, skew));
        assertEquals(false, Identities.notYetValid(new Token(Map.of("sub", "a", "nbf", 1_800_000_030L)), now, skew));
        assertEquals(false, Identities.notYetValid(new Token(Map.of("sub", "a")), now, skew));
        assertEquals(false, Identities.notYetValid(null, now, skew));
    }
}
