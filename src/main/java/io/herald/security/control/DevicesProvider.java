package io.herald.security.control;

import java.util.Optional;

/**
 * A device store other than the in-memory one, offered by another component (Redis) when it is
 * configured. Security does not know the components that provide one; with none, devices live in memory.
 */
public interface DevicesProvider {

    Optional<Devices> devices();
}
