package io.herald.security.boundary;

import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.control.DeviceCredentials;
import io.herald.security.control.Identities;
import io.herald.security.control.Tickets;
import io.herald.security.control.TokenHeader;
import io.herald.security.control.Tokens;
import io.herald.security.entity.CallerPrincipal;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Collections;
import java.util.List;

/**
 * The caller's credential, checked before Herald handles a request or a WebSocket upgrade (the last gate).
 * A bearer token is verified here ({@link Tokens}: signature, algorithm, issuer, audience, expiry,
 * {@code nbf}, the JSON types of the claims Herald reads), and the request goes on with its identity as
 * principal; a token that does not verify is refused (401), the WebSocket upgrade too, so no transport
 * ever gets a token {@link Identities} cannot read. A WebSocket offering a ticket that is unknown or
 * expired is refused (401) before the upgrade, which the handshake itself cannot answer. A request with
 * {@code Authorization: Device <token>} is verified here too: refused with 401 when the token is unknown
 * or revoked, otherwise passed on with the device as its principal. The principal that passed is left
 * for {@link Caller}, which hands the resources their caller's identity. A request without a credential
 * costs a header lookup here, nothing more.
 */
public class CredentialGate extends Gate {

    @Inject
    Tickets tickets;

    @Inject
    DeviceCredentials devices;

    @Inject
    Tokens tokens;

    @Inject
    TokenHeader tokenHeader;

    /** Security: Authorization and the offered subprotocols are untrusted; a token or ticket is only looked up. */
    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String ticket = Tickets.offered(Collections.list(request.getHeaders("Sec-WebSocket-Protocol")));
        if (ticket != null && !tickets.valid(ticket)) {
            violation(ErrorCode.UNAUTHENTICATED.code());
            refuse(response, new Refusal(ErrorCode.UNAUTHENTICATED, "the ticket is unknown, used or expired"));
            return;
        }
        HttpServletRequest identified;
        try {
            identified = identified(request);
        } catch (Refusal refusal) {
            refuse(response, refusal);
            return;
        }
        if (identified != request) {
            identified.setAttribute(Caller.PRINCIPAL, identified.getUserPrincipal());
        }
        chain.doFilter(identified, response);
    }

    /**
     * The request as the caller its credential names, or as it is without one. Security: the headers are
     * untrusted; a token is verified, never logged. A request must not carry a credential in more than one
     * Authorization header: which one counts would depend on the server.
     */
    private HttpServletRequest identified(HttpServletRequest request) {
        List<String> authorizations = Collections.list(request.getHeaders("Authorization"));
        String device = authorizations.stream()
                .map(DeviceCredentials::token)
                .filter(t -> t != null)
                .findFirst()
                .orElse(null);
        String bearer = tokenHeader.offered(name -> Collections.list(request.getHeaders(name)));
        if ((device != null || bearer != null) && authorizations.size() > 1) {
            violation(device != null ? DeviceCredentials.VIOLATION : ErrorCode.UNAUTHENTICATED.code());
            throw new Refusal(ErrorCode.UNAUTHENTICATED, "one Authorization header per request");
        }
        if (device != null) {
            return new Authenticated(request, new CallerPrincipal(devices.identify(device)), DeviceCredentials.SCHEME);
        }
        if (bearer != null) {
            try {
                return new Authenticated(request, new CallerPrincipal(tokens.identify(bearer)), "Bearer");
            } catch (Refusal refusal) {
                if (refusal.code() == ErrorCode.UNAUTHENTICATED) {
                    violation(refusal.code().code());
                }
                throw refusal;
            }
        }
        return request;
    }

    /** A request whose caller's credential was verified: what reads the request's user principal sees the caller. */
    private static final class Authenticated extends HttpServletRequestWrapper {

        private final CallerPrincipal principal;
        private final String scheme;

        Authenticated(HttpServletRequest request, CallerPrincipal principal, String scheme) {
            super(request);
            this.principal = principal;
            this.scheme = scheme;
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
            return scheme;
        }

        @Override
        public boolean isUserInRole(String role) {
            // Herald decides roles itself (ChannelPolicy, Provisioning, SystemPublishers); container role checks admit
            // no one
            return false;
        }
    }
}
