package io.herald.security.boundary;

import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.control.DeviceCredentials;
import io.herald.security.control.Identities;
import io.herald.security.control.SecurityConfig;
import io.herald.security.control.Tickets;
import io.herald.security.entity.DevicePrincipal;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

/**
 * The caller's credential, checked before Herald handles a request or a WebSocket upgrade (the last gate).
 * A bearer token that MicroProfile JWT accepted but whose {@code nbf} is still ahead (Payara does not check
 * it), or whose claims Herald reads have the wrong JSON type, is refused (401), the WebSocket upgrade too:
 * no transport ever gets a token {@link Identities} cannot read. A WebSocket offering a ticket that is unknown or expired is refused (401)
 * before the upgrade, which the handshake itself cannot answer. A request with
 * {@code Authorization: Device <token>} is verified here, for every transport and resource: refused with
 * 401 when the token is unknown or revoked, otherwise passed on with the device as its principal. The
 * principal that passed is left for {@link Caller}, which hands the resources their caller's identity.
 */
public class CredentialGate extends Gate {

    /**
     * Request attribute: the refusal of a bearer token whose claims have the wrong JSON types, left by
     * {@link CanonicalSchemeProvider} where the container authenticates before the filters. A literal, so
     * that reading it never loads that class: without the Jakarta Authentication API (Open Liberty) it
     * cannot be loaded.
     */
    static final String MISSHAPEN = "io.herald.security.boundary.CredentialGate.misshapen";

    @Inject
    Tickets tickets;

    @Inject
    SecurityConfig security;

    @Inject
    DeviceCredentials devices;

    /** Security: Authorization and the offered subprotocols are untrusted; a token or ticket is only looked up. */
    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getAttribute(MISSHAPEN) instanceof Refusal misshapen) {
            violation(ErrorCode.UNAUTHENTICATED.code());
            refuse(response, misshapen);
            return;
        }
        if (!authenticated(request, response)) {
            return;
        }
        try {
            Identities.check(request.getUserPrincipal(), Instant.now(), security.clockSkew());
        } catch (Refusal refusal) {
            violation(ErrorCode.UNAUTHENTICATED.code());
            refuse(response, refusal);
            return;
        }
        String ticket = Tickets.offered(Collections.list(request.getHeaders("Sec-WebSocket-Protocol")));
        if (ticket != null && !tickets.valid(ticket)) {
            violation(ErrorCode.UNAUTHENTICATED.code());
            refuse(response, new Refusal(ErrorCode.UNAUTHENTICATED, "the ticket is unknown, used or expired"));
            return;
        }
        HttpServletRequest identified;
        try {
            identified = device(request);
        } catch (Refusal refusal) {
            refuse(response, refusal);
            return;
        }
        Principal principal = identified.getUserPrincipal();
        if (principal != null) {
            identified.setAttribute(Caller.PRINCIPAL, principal);
        }
        chain.doFilter(identified, response);
    }

    /**
     * Whether a request that carries a bearer token got its identity from the container's MicroProfile JWT.
     * Payara and WildFly verify the token on every request; Open Liberty only on protected resources, and
     * Herald's URLs cannot be protected by the container because namespaces may be open to anonymous
     * clients. So where a bearer token arrives without a principal, Herald asks the container to
     * authenticate the request (Servlet {@code authenticate}, which runs the same MP-JWT verification);
     * a token it refuses gets 401. Security: the token is never read or logged here.
     */
    private boolean authenticated(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (request.getUserPrincipal() != null || !bearer(request)) {
            return true;
        }
        boolean verified;
        try {
            verified = request.authenticate(response) && request.getUserPrincipal() != null;
        } catch (ServletException e) {
            verified = false;
        }
        if (!verified) {
            violation(ErrorCode.UNAUTHENTICATED.code());
            if (!response.isCommitted()) {
                refuse(response, new Refusal(ErrorCode.UNAUTHENTICATED, "the token was not accepted"));
            }
        }
        return verified;
    }

    private static boolean bearer(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    /**
     * The request as the device it authenticates with ({@code Authorization: Device}), or as it is.
     * Security: the header is untrusted; the token is verified here and never logged. A request must not
     * carry a device token beside another credential header: which one counts would depend on the server.
     */
    private HttpServletRequest device(HttpServletRequest request) {
        List<String> authorizations = Collections.list(request.getHeaders("Authorization"));
        String token = authorizations.stream()
                .map(DeviceCredentials::token)
                .filter(t -> t != null)
                .findFirst()
                .orElse(null);
        if (token == null) {
            return request;
        }
        if (authorizations.size() > 1) {
            violation(DeviceCredentials.VIOLATION);
            throw new Refusal(ErrorCode.UNAUTHENTICATED, "one Authorization header per request");
        }
        return new DeviceAuthenticated(request, new DevicePrincipal(devices.identify(token)));
    }

    /** A request whose caller is a verified device: what reads the request's user principal sees the device. */
    private static final class DeviceAuthenticated extends HttpServletRequestWrapper {

        private final DevicePrincipal principal;

        DeviceAuthenticated(HttpServletRequest request, DevicePrincipal principal) {
            super(request);
            this.principal = principal;
        }

        @Override
        public Principal getUserPrincipal() {
            return principal;
        }

        @Override
        public String getRemoteUser() {
            return principal.getName();
        }

        @Override
        public String getAuthType() {
            return DeviceCredentials.SCHEME;
        }

        @Override
        public boolean isUserInRole(String role) {
            // Herald decides roles itself (ChannelPolicy, Provisioning); container role checks never admit a device
            return false;
        }
    }
}
