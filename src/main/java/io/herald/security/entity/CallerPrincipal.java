package io.herald.security.entity;

import java.security.Principal;

/**
 * The caller of a request whose credential Herald verified, as the request's user principal: a bearer
 * token ({@code Authorization: Bearer}) or a device token ({@code Authorization: Device}). Only Herald's
 * {@code CredentialGate} makes one, after verifying the credential.
 */
public record CallerPrincipal(Identity identity) implements Principal {

    @Override
    public String getName() {
        return identity.subject();
    }
}
