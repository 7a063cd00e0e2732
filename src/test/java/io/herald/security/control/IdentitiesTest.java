package io.herald.security.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.entity.Device;
import io.herald.security.entity.DevicePrincipal;
import io.herald.security.entity.Identity;
import jakarta.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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
        Identity identity = Identities.ofToken(new Token(Map.of(
                "sub",
                "u-17",
                "upn",
                "alice@example.com",
                "groups",
                Set.of("red", "herald-publisher"),
                "exp",
                1_800_000_000L)));
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
        assertEquals(
                "u-1", Identities.of(new Token(Map.of("sub", "u-1")), ticket).subject());
    }

    @Test
    void aVerifiedDeviceIsADeviceAndATokenNeverIs() {
        Identity lobby = Identity.of(new Device("lobby-1", Set.of("displays"), Instant.EPOCH));
        assertSame(lobby, Identities.of(new DevicePrincipal(lobby)));
        assertSame(lobby, Identities.of(new DevicePrincipal(lobby), new Identity("bob", Set.of(), false, null)));
        Identity lookalike =
                Identities.ofToken(new Token(Map.of("sub", "device:lobby-1", "groups", Set.of("displays"))));
        assertEquals("device:lobby-1", lookalike.subject());
        assertFalse(lookalike.isDevice(), "no claim makes a JWT a device");
    }

    @Test
    void aTokenWhoseNotBeforeIsAheadIsNotValidYet() {
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        java.time.Duration skew = java.time.Duration.ofSeconds(30);
        Refusal early = assertThrows(
                Refusal.class, () -> Identities.check(new Token(Map.of("sub", "a", "nbf", 1_800_000_031L)), now, skew));
        assertEquals(ErrorCode.UNAUTHENTICATED, early.code());
        assertDoesNotThrow(() -> Identities.check(new Token(Map.of("sub", "a", "nbf", 1_800_000_030L)), now, skew));
        assertDoesNotThrow(() -> Identities.check(new Token(Map.of("sub", "a")), now, skew));
        assertDoesNotThrow(() -> Identities.check(null, now, skew));
    }

    @Test
    void claimsAreReadAsTheRuntimesHandThemOver() {
        Identity identity = Identities.ofToken(new Token(Map.of(
                "sub", Json.createValue("u-9"), "groups", Set.of("red"), "exp", Json.createValue(1_800_000_000L))));
        assertEquals("u-9", identity.subject());
        assertEquals(Set.of("red"), identity.groups());
        assertEquals(Instant.ofEpochSecond(1_800_000_000L), identity.expiry());
        assertEquals(
                "alice", Identities.ofToken(new Token(Map.of("upn", "alice"))).subject());
        assertEquals(
                "bob",
                Identities.ofToken(new Token(Map.of("preferred_username", "bob")))
                        .subject());
    }

    static Stream<Arguments> misshapen() {
        return Stream.of(
                Arguments.of(
                        "sub an object",
                        Map.of("sub", Json.createObjectBuilder().add("id", "x").build())),
                Arguments.of("sub a number", Map.of("sub", Json.createValue(42))),
                Arguments.of("upn an object", Map.of("sub", "a", "upn", Map.of("id", "x"))),
                Arguments.of("preferred_username an array", Map.of("preferred_username", List.of("x"))),
                Arguments.of("groups a string", Map.of("sub", "a", "groups", "red")),
                Arguments.of(
                        "groups with a number",
                        Map.of(
                                "sub",
                                "a",
                                "groups",
                                Json.createArrayBuilder().add("red").add(7).build())),
                Arguments.of("exp a string", Map.of("sub", "a", "exp", "1800000000")),
                Arguments.of("nbf a string", Map.of("sub", "a", "nbf", Json.createValue("1800000000"))),
                Arguments.of("no subject", Map.of("groups", Set.of("red"))),
                Arguments.of("a blank subject", Map.of("sub", " ")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misshapen")
    void aTokenWithAMisshapenClaimIsRefused(String kind, Map<String, Object> claims) {
        Refusal refused = assertThrows(
                Refusal.class, () -> Identities.check(new Token(claims), Instant.EPOCH, java.time.Duration.ZERO), kind);
        assertEquals(ErrorCode.UNAUTHENTICATED, refused.code(), kind);
    }

    @Test
    void aRuntimeThatCastsAClaimItselfGetsTheTokenRefused() {
        JsonWebToken casting = new JsonWebToken() {
            @Override
            public String getName() {
                return "a";
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("sub");
            }

            @Override
            public <T> T getClaim(String name) {
                throw new ClassCastException("JsonObjectImpl cannot be cast to JsonString");
            }
        };
        assertEquals(
                ErrorCode.UNAUTHENTICATED,
                assertThrows(Refusal.class, () -> Identities.ofToken(casting)).code());
    }
}
