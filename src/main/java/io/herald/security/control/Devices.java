package io.herald.security.control;

import io.herald.security.entity.Device;
import java.util.List;
import java.util.Optional;

/**
 * Where device records live: in this node's memory, or in Redis when the cluster shares them (so that any
 * node accepts a device provisioned on another). Tokens are never stored, only their SHA-256.
 * An implementation that cannot reach its storage throws a {@code Refusal} {@code unavailable}: an
 * unknown answer must never read as "revoked" nor as "valid".
 */
public interface Devices {

    /** Stores {@code device} with the hash of its token; an earlier record of the same id and its token are gone. */
    void save(Device device, String tokenHash);

    Optional<Device> find(String id);

    /** The device whose current token has this hash. */
    Optional<Device> byToken(String tokenHash);

    /** Every device, ordered by id. */
    List<Device> all();

    /** Removes the device and its token; false when there was none. */
    boolean remove(String id);
}
