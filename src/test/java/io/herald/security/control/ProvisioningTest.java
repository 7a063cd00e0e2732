package io.herald.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.metrics.control.Meters;
import io.herald.problem.control.JsonText;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.entity.Device;
import io.herald.security.entity.Identity;
import io.herald.security.entity.Provisioned;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ProvisioningTest {

    private static final Identity ADMIN = new Identity("root", Set.of("herald-admin"), false, null);

    private final MemoryDevices devices = new MemoryDevices();
    private final List<String> changed = new ArrayList<>();
    // a clock that stands still: two provisionings of one id in the same instant must still differ
    private final Provisioning provisioning = new Provisioning(
            devices,
            "herald-admin",
            16,
            3,
            Clock.fixed(Instant.parse("2026-01-05T08:00:00Z"), ZoneOffset.UTC),
            Meters.none(),
            changed::add);
    private final DeviceCredentials credentials = new DeviceCredentials(devices, Meters.none());

    private Provisioned provision(String body) {
        return provisioning.provision(ADMIN, JsonText.parse(body));
    }

    @Test
    void provisioningGivesATokenThatIdentifiesTheDeviceAndStoresOnlyItsHash() {
        Provisioned lobby = provision("{\"id\":\"lobby-1\",\"groups\":[\"displays\",\"floor-3\"]}");
        assertEquals(
                new Device("lobby-1", Set.of("displays", "floor-3"), Instant.parse("2026-01-05T08:00:00Z")),
                lobby.device());
        assertEquals(lobby.device(), credentials.identify(lobby.token()).device());
        assertEquals(Optional.of(lobby.device()), devices.byToken(DeviceCredentials.hash(lobby.token())));
        assertFalse(lobby.toString().contains(lobby.token()), "the token never reaches a log through toString");
        assertEquals(List.of(), changed, "a new device has no connections to close");
    }

    @Test
    void provisioningAnIdAgainRotatesItsToken() {
        Provisioned first = provision("{\"id\":\"lobby-1\"}");
        Provisioned second = provision("{\"id\":\"lobby-1\",\"groups\":[]}");
        assertNotEquals(first.token(), second.token());
        assertEquals(
                ErrorCode.UNAUTHENTICATED,
                assertThrows(Refusal.class, () -> credentials.identify(first.token()))
                        .code());
        assertEquals("device:lobby-1", credentials.identify(second.token()).subject());
        assertNotEquals(first.device(), second.device(), "connections with the old token fail the re-check");
        assertTrue(second.device().created().isAfter(first.device().created()));
        assertEquals(List.of("lobby-1"), changed);
    }

    @Test
    void revokingRemovesTheDeviceAndItsTokenAndAnUnknownIdIsNotFound() {
        Provisioned lobby = provision("{\"id\":\"lobby-1\"}");
        provisioning.revoke(ADMIN, "lobby-1");
        assertEquals(List.of("lobby-1"), changed);
        assertEquals(
                ErrorCode.UNAUTHENTICATED,
                assertThrows(Refusal.class, () -> credentials.identify(lobby.token()))
                        .code());
        for (String unknown : new String[] {"lobby-1", "never", "../x", "a/b", "", "x".repeat(17), null}) {
            assertEquals(
                    ErrorCode.UNKNOWN_DEVICE,
                    assertThrows(Refusal.class, () -> provisioning.revoke(ADMIN, unknown))
                            .code(),
                    unknown);
        }
        assertEquals(List.of("lobby-1"), changed);
    }

    @Test
    void onlyAUserWithTheAdminRoleAdministersDevices() {
        Provisioned lobby = provision("{\"id\":\"lobby-1\",\"groups\":[\"herald-admin\"]}");
        Identity device = credentials.identify(lobby.token());
        assertTrue(device.memberOf("herald-admin"), "given the admin group by mistake");
        assertRefused(
                ErrorCode.UNAUTHENTICATED,
                () -> provisioning.provision(Identity.ANONYMOUS, JsonText.parse("{\"id\":\"x\"}")));
        assertRefused(
                ErrorCode.FORBIDDEN,
                () -> provisioning.provision(
                        new Identity("bob", Set.of("displays"), false, null), JsonText.parse("{\"id\":\"x\"}")));
        assertRefused(ErrorCode.FORBIDDEN, () -> provisioning.provision(device, JsonText.parse("{\"id\":\"x\"}")));
        assertRefused(ErrorCode.FORBIDDEN, () -> provisioning.all(device));
        assertRefused(ErrorCode.FORBIDDEN, () -> provisioning.revoke(device, "lobby-1"));
        assertRefused(ErrorCode.UNAUTHENTICATED, () -> provisioning.all(Identity.ANONYMOUS));
        assertEquals(
                List.of("lobby-1"),
                provisioning.all(ADMIN).stream().map(Device::id).toList());
    }

    @Test
    void badBodiesAreRefusedWithTheirCodeAndNothingIsStored() {
        assertRefused(ErrorCode.MALFORMED, () -> provision("[]"));
        assertRefused(ErrorCode.MISSING_FIELD, () -> provision("{\"groups\":[]}"));
        assertRefused(ErrorCode.MISSING_FIELD, () -> provision("{\"id\":null}"));
        for (String body : new String[] {
            "{\"id\":7}",
            "{\"id\":\"\"}",
            "{\"id\":\"a/b\"}",
            "{\"id\":\"a:b\"}",
            "{\"id\":\".hidden\"}",
            "{\"id\":\"-x\"}",
            "{\"id\":\"l\u00f6bby\"}",
            "{\"id\":\"" + "x".repeat(17) + "\"}",
            "{\"id\":\"x\",\"groups\":\"displays\"}",
            "{\"id\":\"x\",\"groups\":[1]}",
            "{\"id\":\"x\",\"groups\":[\"\"]}",
            "{\"id\":\"x\",\"groups\":[\"a\\nb\"]}",
            "{\"id\":\"x\",\"groups\":[\"" + "g".repeat(256) + "\"]}",
            "{\"id\":\"x\",\"groups\":[\"a\",\"b\",\"c\",\"d\"]}"
        }) {
            assertRefused(ErrorCode.INVALID_FIELD, () -> provision(body));
        }
        assertEquals(List.of(), devices.all());
        assertEquals(
                "x".repeat(16),
                provision("{\"id\":\"" + "x".repeat(16) + "\",\"groups\":[\"a\",\"b\",\"c\"]}")
                        .device()
                        .id());
        assertEquals(
                "L_1.b@c=d+e|f-g",
                provision("{\"id\":\"L_1.b@c=d+e|f-g\"}").device().id());
    }

    private static void assertRefused(ErrorCode code, Executable action) {
        assertEquals(code, assertThrows(Refusal.class, action).code());
    }
}
