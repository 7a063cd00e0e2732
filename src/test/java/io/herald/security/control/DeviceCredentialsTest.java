package io.herald.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.metrics.control.Meters;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.entity.Device;
import io.herald.security.entity.Identity;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeviceCredentialsTest {

    private final MemoryDevices devices = new MemoryDevices();
    private final DeviceCredentials credentials = new DeviceCredentials(devices, Meters.none());
    private final Device lobby =
            new Device("lobby-1", Set.of("displays", "floor-3"), Instant.parse("2026-01-05T08:00:00Z"));

    @Test
    void aTokenIsHdtAnd256RandomBitsInBase64Url() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = DeviceCredentials.newToken();
            assertTrue(token.matches("hdt_[A-Za-z0-9_-]{43}"), token);
            assertTrue(seen.add(token), "no token twice");
        }
    }

    @Test
    void theHashIsTheHexSha256OfTheToken() {
        // the SHA-256 test vector of FIPS 180-2 for "abc"
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", DeviceCredentials.hash("abc"));
        String token = DeviceCredentials.newToken();
        assertEquals(DeviceCredentials.hash(token), DeviceCredentials.hash(token));
        assertNotEquals(DeviceCredentials.hash(token), DeviceCredentials.hash(DeviceCredentials.newToken()));
    }

    @Test
    void onlyTheDeviceSchemeCarriesADeviceToken() {
        assertEquals("hdt_x", DeviceCredentials.token("Device hdt_x"));
        assertEquals("hdt_x", DeviceCredentials.token("device  hdt_x "), "schemes are case-insensitive");
        assertNull(DeviceCredentials.token("Bearer eyJhbGciOi"));
        assertNull(DeviceCredentials.token("Devices hdt_x"));
        assertNull(DeviceCredentials.token("Device"));
        assertNull(DeviceCredentials.token(null));
    }

    @Test
    void aStoredTokenIdentifiesItsDeviceWithItsGroupsAndNoExpiry() {
        String token = DeviceCredentials.newToken();
        devices.save(lobby, DeviceCredentials.hash(token));
        Identity identity = credentials.identify(token);
        assertEquals("device:lobby-1", identity.subject());
        assertEquals(Set.of("displays", "floor-3"), identity.groups());
        assertNull(identity.expiry(), "a device gets no 4007: it lives until revoked");
        assertTrue(identity.isDevice());
        assertEquals(lobby, identity.device());
    }

    @Test
    void unknownMalformedAndReplacedTokensAreUnauthenticated() {
        String old = DeviceCredentials.newToken();
        devices.save(lobby, DeviceCredentials.hash(old));
        String fresh = DeviceCredentials.newToken();
        devices.save(
                new Device("lobby-1", lobby.groups(), lobby.created().plusSeconds(1)), DeviceCredentials.hash(fresh));
        for (String refused : new String[] {
            old, DeviceCredentials.newToken(), "hdt_short", fresh + "x", "", DeviceCredentials.hash(fresh), null
        }) {
            Refusal refusal = assertThrows(Refusal.class, () -> credentials.identify(refused), String.valueOf(refused));
            assertEquals(ErrorCode.UNAUTHENTICATED, refusal.code());
        }
        assertEquals("device:lobby-1", credentials.identify(fresh).subject());
    }
}
