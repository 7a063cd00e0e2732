package io.herald.connection.boundary;

import io.herald.metrics.control.Meters;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.problem.boundary.RefusalMapper;
import io.herald.security.control.DeviceCredentials;
import io.herald.security.control.Handshakes;
import io.herald.security.control.Identities;
import io.herald.security.control.Origins;
import io.herald.security.control.SecurityConfig;
import io.herald.security.control.Tickets;
import io.herald.security.entity.DevicePrincipal;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * What every request and WebSocket upgrade passes before Herald handles it. A token that MicroProfile JWT
 * accepted but whose {@code nbf} is still ahead is refused (401: Payara does not check it). A request from a page whose origin is not allowed is
 * refused with 403 on every transport (also the WebSocket upgrade), so a page elsewhere cannot use a
 * credential that a proxy or the browser adds for the user; an allowed origin gets CORS headers. A
 * request without {@code Origin} is not from a page and passes. Also refuses, before the upgrade, a
 * WebSocket offering a ticket that is unknown or expired (401), which the handshake itself cannot answer,
 * and WebSocket handshakes beyond the node's budget per second (503), before any other work. A request
 * with {@code Authorization: Device <token>} is verified here, for every transport and resource: refused
 * with 401 when the token is unknown or revoked, otherwise passed on with the device as its principal.
 */
@WebFilter(urlPatterns = {"/ws", "/api/*"}, asyncSupported = true)
public class EntryGate extends HttpFilter {

    private static final System.Logger LOG = System.getLogger(EntryGate.class.getName());

    @Inject
    Origins origins;

    @Inject
    Tickets tickets;

    @Inject
    SecurityConfig security;

    @Inject
    Handshakes handshakes;

    @Inject
    Meters meters;

    @Inject
    DeviceCredentials devices;


    /** Security: Origin, Host and the offered subprotocols are untrusted headers; compared, never parsed into decisions otherwise. */
    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean upgrade = "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
        if (upgrade && !handshakes.admit()) {
            // first, and before any token is looked at: a reconnect storm must cost as little as possible
            violation("handshake_rate");
            refuse(response, new Refusal(ErrorCode.UNAVAILABLE, "too many connections are opening now; retry later"));
            return;
        }
        if (!authenticated(request, response)) {
            return;
        }
        if (Identities.notYetValid(request.getUserPrincipal(), Instant.now(), security.clockSkew())) {
            violation(ErrorCode.UNAUTHENTICATED.code());
            refuse(response, new Refusal(ErrorCode.UNAUTHENTICATED, "the token is not valid yet"));
            return;
        }
        String origin = request.getHeader("Origin");
        if (!origins.allowed(origin, request.getHeader("Host"))) {
            LOG.log(System.Logger.Level.DEBUG, "refused origin on {0}", request.getRequestURI());
            violation("origin");
            refuse(response, new Refusal(ErrorCode.FORBIDDEN, "this origin may not use Herald"));
            return;
        }
        if (origin != null) {
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.addHeader("Vary", "Origin");
            response.setHeader("Access-Control-Expose-Headers", "ETag");
        }
        if (origin != null && "OPTIONS".equals(request.getMethod())
                && request.getHeader("Access-Control-Request-Method") != null) {
            response.setHeader("Access-Control-Allow-Methods", "GET, POST, DELETE");
            response.setHeader("Access-Control-Allow-Headers",
                    "Authorization, Content-Type, Last-Event-ID, If-None-Match");
            response.setHeader("Access-Control-Max-Age", "600");
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        String ticket = WebSocketGate.ticket(Collections.list(request.getHeaders("Sec-WebSocket-Protocol")));
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
        chain.doFilter(upgrade ? new RemoteAddressed(identified) : identified, response);
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
        String token = authorizations.stream().map(DeviceCredentials::token).filter(t -> t != null).findFirst()
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

    /** A request whose caller is a verified device: JAX-RS resources see it as the request's user principal. */
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

    /**
     * The upgrade request with the client's remote address as header {@link WebSocketGate#REMOTE_ADDRESS}:
     * the handshake API shows headers only, and the per-address quota needs the address. A header of that
     * name sent by the client is replaced, never passed on.
     */
    private static final class RemoteAddressed extends HttpServletRequestWrapper {

        RemoteAddressed(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return WebSocketGate.REMOTE_ADDRESS.equalsIgnoreCase(name) ? getRemoteAddr() : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return WebSocketGate.REMOTE_ADDRESS.equalsIgnoreCase(name)
                    ? Collections.enumeration(List.of(getRemoteAddr())) : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (String name : Collections.list(super.getHeaderNames())) {
                if (!WebSocketGate.REMOTE_ADDRESS.equalsIgnoreCase(name)) {
                    names.add(name);
                }
            }
            names.add(WebSocketGate.REMOTE_ADDRESS);
            return Collections.enumeration(names);
        }
    }

    private void violation(String kind) {
        meters.violation(kind);
    }

    private static void refuse(HttpServletResponse response, Refusal refusal) throws IOException {
        response.setStatus(refusal.code().httpStatus());
        response.setContentType("application/json");
        response.getOutputStream().write(RefusalMapper.body(refusal).toString().getBytes(StandardCharsets.UTF_8));
    }
}
