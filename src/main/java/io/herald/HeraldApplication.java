package io.herald;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API under {@code /api}. A CDI bean, so that security annotations added to it take effect. */
@ApplicationScoped
@ApplicationPath("api")
public class HeraldApplication extends Application {
}
