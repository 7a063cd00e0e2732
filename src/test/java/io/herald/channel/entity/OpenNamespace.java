package io.herald.channel.entity;

import java.time.Duration;
import java.util.Set;

/** Namespaces for tests that are not about access rules: open to everyone, as before access rules existed. */
public final class OpenNamespace {

    private OpenNamespace() {}

    public static Namespace of(String name, int historySize, Duration historyTtl, boolean clientPublish) {
        return new Namespace(
                name,
                historySize,
                historyTtl,
                clientPublish,
                new Access(true, Set.of(), Set.of(), false, false, false));
    }
}
