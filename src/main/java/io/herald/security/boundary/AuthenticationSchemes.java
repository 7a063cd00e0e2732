package io.herald.security.boundary;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Makes the container's own authentication read the bearer scheme case-insensitively where it does not
 * (Payara). Payara's MicroProfile JWT authenticates through Jakarta Authentication before any servlet
 * filter, and {@code request.authenticate} runs it again on the container's request, not on a filter's
 * wrapper; so the scheme is respelled where that authentication reads the request: Herald wraps the
 * application's Jakarta Authentication provider ({@link CanonicalSchemeProvider}). WildFly's and Open
 * Liberty's MicroProfile JWT already read the scheme case-insensitively; Open Liberty has no Jakarta
 * Authentication API without its feature, so nothing is installed there.
 */
@WebListener
public class AuthenticationSchemes implements ServletContextListener {

    private static final System.Logger LOG = System.getLogger(AuthenticationSchemes.class.getName());
    private static final String API = "jakarta.security.auth.message.config.AuthConfigFactory";

    private String registration;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        if (!available(context.getClassLoader())) {
            return;
        }
        try {
            registration = CanonicalSchemeProvider.install(context);
            if (registration != null) {
                LOG.log(
                        System.Logger.Level.INFO,
                        "Jakarta Authentication provider wrapped: the" + " bearer scheme is read case-insensitively");
            }
        } catch (RuntimeException e) {
            // the container's own reading of the scheme stays as it is: Bearer, spelled so, still works
            LOG.log(
                    System.Logger.Level.WARNING,
                    "the bearer scheme is read as the container reads it: {0}",
                    e.toString());
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (registration != null) {
            CanonicalSchemeProvider.uninstall(registration);
        }
    }

    private static boolean available(ClassLoader loader) {
        try {
            Class.forName(API, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
