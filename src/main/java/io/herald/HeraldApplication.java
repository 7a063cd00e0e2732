package io.herald;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * The REST API under {@code /api}. MicroProfile JWT authenticates every request (and WebSocket
 * handshake) that carries {@code Authorization: Bearer}; requests without a token stay anonymous and
 * Herald's own policy decides (docs/security.md). A CDI bean, or Payara never installs MP-JWT.
 */
@ApplicationScoped
@ApplicationPath("api")
@LoginConfig(authMethod = "MP-JWT")
public class HeraldApplication extends Application {}
