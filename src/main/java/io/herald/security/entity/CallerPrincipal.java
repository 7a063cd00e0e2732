package io.herald.security.entity;

import java.security.Principal;

/**
 * The caller of a request that presented a valid {@code Authorization: Device} token, as the request's
 * user principal. Only Herald's {@code CredentialGate} makes one, after verifying the token.
 */
public record DevicePrincipal(Identity identity) implements Principal {

    @Override
    public String getName() {
        return identity.subject();
    }
}
