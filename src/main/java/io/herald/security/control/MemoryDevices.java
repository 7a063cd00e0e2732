package io.herald.security.control;

import io.herald.security.entity.Device;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Device records in this node's memory: a single node, or tests. Lost at restart, like the history. */
public final class MemoryDevices implements Devices {

    private record Held(Device device, String tokenHash) {}

    private final Map<String, Held> byId = new HashMap<>();
    private final Map<String, String> idByHash = new HashMap<>();

    @Override
    public synchronized void save(Device device, String tokenHash) {
        remove(device.id());
        byId.put(device.id(), new Held(device, tokenHash));
        idByHash.put(tokenHash, device.id());
    }

    @Override
    public synchronized Optional<Device> find(String id) {
        Held held = byId.get(id);
        return held == null ? Optional.empty() : Optional.of(held.device());
    }

    @Override
    public synchronized Optional<Device> byToken(String tokenHash) {
        String id = idByHash.get(tokenHash);
        return id == null ? Optional.empty() : find(id);
    }

    @Override
    public synchronized List<Device> all() {
        return byId.values().stream()
                .map(Held::device)
                .sorted(Comparator.comparing(Device::id))
                .toList();
    }

    @Override
    public synchronized boolean remove(String id) {
        Held held = byId.remove(id);
        if (held == null) {
            return false;
        }
        idByHash.remove(held.tokenHash());
        return true;
    }
}
