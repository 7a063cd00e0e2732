package io.herald.security.boundary;

import io.herald.problem.entity.Refusal;
import io.herald.security.control.ClaimTypes;
import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.config.AuthConfigFactory;
import jakarta.security.auth.message.config.AuthConfigProvider;
import jakarta.security.auth.message.config.ClientAuthConfig;
import jakarta.security.auth.message.config.ServerAuthConfig;
import jakarta.security.auth.message.config.ServerAuthContext;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.CallbackHandler;

/**
 * The application's Jakarta Authentication provider with two changes: the request its modules validate
 * reads {@code Authorization: Bearer} whatever the case of the scheme ({@link CanonicalScheme}), and a
 * bearer token whose claims have the wrong JSON types ({@link ClaimTypes}) is kept from them. The
 * Servlet profile of Jakarta Authentication lets a module's caller replace the request message, and the
 * container's mechanism reads the header from that message. Everything else is the wrapped provider's.
 * Rejected: a servlet filter (runs after the container authenticated) and a mechanism of Herald's own
 * (one mechanism per application in Jakarta EE 10, and that one is MicroProfile JWT's).
 */
final class CanonicalSchemeProvider {

    /** The message layer of the Servlet container profile. */
    private static final String LAYER = "HttpServlet";

    private CanonicalSchemeProvider() {}

    /** Wraps the provider registered for the application, if any; returns the registration to remove, or null. */
    static String install(ServletContext context) {
        AuthConfigFactory factory = AuthConfigFactory.getFactory();
        if (factory == null) {
            return null;
        }
        String application = context.getVirtualServerName() + " " + context.getContextPath();
        AuthConfigProvider provider = factory.getConfigProvider(LAYER, application, null);
        if (provider == null || provider instanceof Provider) {
            return null;
        }
        return factory.registerConfigProvider(
                new Provider(provider), LAYER, application, "Herald: the bearer scheme read case-insensitively");
    }

    static void uninstall(String registration) {
        AuthConfigFactory factory = AuthConfigFactory.getFactory();
        if (factory != null) {
            factory.removeRegistration(registration);
        }
    }

    private record Provider(AuthConfigProvider provider) implements AuthConfigProvider {

        @Override
        public ClientAuthConfig getClientAuthConfig(String layer, String appContext, CallbackHandler handler)
                throws AuthException {
            return provider.getClientAuthConfig(layer, appContext, handler);
        }

        @Override
        public ServerAuthConfig getServerAuthConfig(String layer, String appContext, CallbackHandler handler)
                throws AuthException {
            ServerAuthConfig config = provider.getServerAuthConfig(layer, appContext, handler);
            return config == null ? null : new Config(config);
        }

        @Override
        public void refresh() {
            provider.refresh();
        }
    }

    private record Config(ServerAuthConfig config) implements ServerAuthConfig {

        @Override
        public ServerAuthContext getAuthContext(
                String authContextID, Subject serviceSubject, Map<String, Object> properties) throws AuthException {
            ServerAuthContext context = config.getAuthContext(authContextID, serviceSubject, properties);
            return context == null ? null : new Context(context);
        }

        @Override
        public String getMessageLayer() {
            return config.getMessageLayer();
        }

        @Override
        public String getAppContext() {
            return config.getAppContext();
        }

        @Override
        public String getAuthContextID(MessageInfo messageInfo) {
            return config.getAuthContextID(messageInfo);
        }

        @Override
        public void refresh() {
            config.refresh();
        }

        @Override
        public boolean isProtected() {
            return config.isProtected();
        }
    }

    private record Context(ServerAuthContext context) implements ServerAuthContext {

        /**
         * Security: the Authorization header is untrusted. A bearer token whose claims have types Herald cannot
         * read never reaches the container's mechanism (WildFly's answers it with 500): the request goes on
         * unauthenticated, marked, and {@link CredentialGate} refuses it (401) like every other refusal.
         * Answering here instead would meet the container's own failure handling (WildFly replaces the
         * body with its error page, or logs a stack trace when the response was committed). Of any other
         * token, only the scheme is respelled, and the container's module verifies it.
         */
        @Override
        public AuthStatus validateRequest(MessageInfo message, Subject client, Subject service) throws AuthException {
            if (message.getRequestMessage() instanceof HttpServletRequest request) {
                String token = CanonicalScheme.bearerToken(request);
                if (token != null) {
                    try {
                        ClaimTypes.check(token);
                    } catch (Refusal refusal) {
                        request.setAttribute(CredentialGate.MISSHAPEN, refusal);
                        return AuthStatus.SUCCESS;
                    }
                }
                HttpServletRequest canonical = CanonicalScheme.of(request);
                if (canonical != request) {
                    message.setRequestMessage(canonical);
                }
            }
            return context.validateRequest(message, client, service);
        }

        @Override
        public AuthStatus secureResponse(MessageInfo message, Subject service) throws AuthException {
            return context.secureResponse(message, service);
        }

        @Override
        public void cleanSubject(MessageInfo message, Subject subject) throws AuthException {
            context.cleanSubject(message, subject);
        }
    }
}
