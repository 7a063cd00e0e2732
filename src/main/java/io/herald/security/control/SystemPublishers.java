package io.herald.security.control;

import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.entity.Identity;

/**
 * Who may use the trusted publish API ({@code POST /api/publish}): holders of the publisher role (never a
 * device, whatever groups it was given), or anyone when the operator opened it. Checked in code because
 * WildFly ignores {@code @RolesAllowed} on JAX-RS without extra configuration.
 */
public final class SystemPublishers {

    private final String role;
    private final boolean anonymous;

    public SystemPublishers(String role, boolean anonymous) {
        this.role = role;
        this.anonymous = anonymous;
    }

    public void authorize(Identity identity) {
        if (anonymous) {
            return;
        }
        if (identity.anonymous()) {
            throw new Refusal(ErrorCode.UNAUTHENTICATED, "publishing needs a token (Authorization: Bearer)");
        }
        if (identity.isDevice()) {
            // a display reads; the trusted publish path stays with systems that hold a user's (JWT) credential
            throw new Refusal(ErrorCode.FORBIDDEN, "a device cannot use the publish API");
        }
        if (!identity.memberOf(role)) {
            throw new Refusal(ErrorCode.FORBIDDEN, "publishing needs the role '" + role + "'");
        }
    }
}
