package io.herald.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.security.entity.Device;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What every device store promises (docs/security.md), run against memory and against a real Redis. */
public abstract class DevicesContract {

    private static final Instant T0 = Instant.parse("2026-01-05T08:00:00.123456789Z");

    /** A fresh, empty store. */
    protected abstract Devices devices();

    @Test
    void aSavedDeviceIsFoundByIdAndByItsTokensHashOnly() {
        Devices devices = devices();
        Device lobby = new Device("lobby-1", Set.of("displays", "floor-3"), T0);
        devices.save(lobby, "hash-a");
        assertEquals(Optional.of(lobby), devices.find("lobby-1"));
        assertEquals(Optional.of(lobby), devices.byToken("hash-a"));
        assertEquals(Optional.empty(), devices.byToken("hash-b"));
        assertEquals(Optional.empty(), devices.find("lobby-2"));
    }

    @Test
    void savingAnIdAgainReplacesItsTokenAndRecord() {
        Devices devices = devices();
        devices.save(new Device("lobby-1", Set.of("displays"), T0), "old");
        Device rotated = new Device("lobby-1", Set.of("floor-4"), T0.plusSeconds(60));
        devices.save(rotated, "new");
        assertEquals(Optional.empty(), devices.byToken("old"), "the replaced token no longer names the device");
        assertEquals(Optional.of(rotated), devices.byToken("new"));
        assertEquals(Optional.of(rotated), devices.find("lobby-1"));
        assertEquals(List.of(rotated), devices.all());
    }

    @Test
    void removingADeviceRemovesItsTokenAndSaysWhetherThereWasOne() {
        Devices devices = devices();
        devices.save(new Device("lobby-1", Set.of(), T0), "hash-a");
        devices.save(new Device("kitchen", Set.of(), T0), "hash-k");
        assertTrue(devices.remove("lobby-1"));
        assertFalse(devices.remove("lobby-1"));
        assertFalse(devices.remove("never"));
        assertEquals(Optional.empty(), devices.byToken("hash-a"));
        assertEquals(Optional.empty(), devices.find("lobby-1"));
        assertEquals(List.of("kitchen"), devices.all().stream().map(Device::id).toList());
    }

    @Test
    void allListsEveryDeviceByIdWithItsGroupsAndCreationInstant() {
        Devices devices = devices();
        devices.save(new Device("b", Set.of("x"), T0), "hb");
        devices.save(new Device("a", Set.of(), T0.plusNanos(1)), "ha");
        devices.save(new Device("c|d", Set.of("y", "z"), T0), "hc");
        assertEquals(
                List.of(
                        new Device("a", Set.of(), T0.plusNanos(1)),
                        new Device("b", Set.of("x"), T0),
                        new Device("c|d", Set.of("y", "z"), T0)),
                devices.all());
    }
}
