package io.herald.security.control;

import io.herald.security.entity.Identity;
import java.security.Principal;
import java.util.Set;

/**
 * The single place where a connection or a request gets its identity. Today every connection is
 * anonymous unless the container authenticated it; MicroProfile JWT plugs in here.
 */
public final class Identities {

    private Identities() {
    }

    public static Identity of(Principal principal) {
        if (principal == null) {
            return Identity.ANONYMOUS;
        }
        return new Identity(principal.getName(), Set.of(), false);
    }
}
