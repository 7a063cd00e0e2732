package io.herald;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The REST API under {@code /api}. No container authentication runs: Herald's {@code CredentialGate}
 * verifies a bearer token where a request carries one (with MicroProfile JWT's {@code mp.jwt.*} settings),
 * requests without a token stay anonymous and Herald's own policy decides (docs/security.md).
 */
@ApplicationScoped
@ApplicationPath("api")
public class HeraldApplication extends Application {}
