package io.herald.connection.boundary;

import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.problem.boundary.RefusalMapper;
import io.herald.security.control.Identities;
import io.herald.security.control.Origins;
import io.herald.security.control.SecurityConfig;
import io.herald.security.control.Tickets;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;

/**
 * What every request and WebSocket upgrade passes before Herald handles it. A token that MicroProfile JWT
 * accepted but whose {@code nbf} is still ahead is refused (401: Payara does not check it). A request from a page whose origin is not allowed is
 * refused with 403 on every transport (also the WebSocket upgrade), so a page elsewhere cannot use a
 * credential that a proxy or the browser adds for the user; an allowed origin gets CORS headers. A
 * request without {@code Origin} is not from a page and passes. Also refuses, before the upgrade, a
 * WebSocket offering a ticket that is unknown or expired (401), which the handshake itself cannot answer.
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

    /** Security: Origin, Host and the offered subprotocols are untrusted headers; compared, never parsed into decisions otherwise. */
    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (Identities.notYetValid(request.getUserPrincipal(), Instant.now(), security.clockSkew())) {
            refuse(response, new Refusal(ErrorCode.UNAUTHENTICATED, "the token is not valid yet"));
            return;
        }
        String origin = request.getHeader("Origin");
        if (!origins.allowed(origin, request.getHeader("Host"))) {
            LOG.log(System.Logger.Level.DEBUG, "refused origin on {0}", request.getRequestURI());
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
            response.setHeader("Access-Control-Allow-Methods", "GET, POST");
            response.setHeader("Access-Control-Allow-Headers",
                    "Authorization, Content-Type, Last-Event-ID, If-None-Match");
            response.setHeader("Access-Control-Max-Age", "600");
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        String ticket = WebSocketGate.ticket(Collections.list(request.getHeaders("Sec-WebSocket-Protocol")));
        if (ticket != null && !tickets.valid(ticket)) {
            refuse(response, new Refusal(ErrorCode.UNAUTHENTICATED, "the ticket is unknown, used or expired"));
            return;
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response, Refusal refusal) throws IOException {
        response.setStatus(refusal.code().httpStatus());
        response.setContentType("application/json");
        response.getOutputStream().write(RefusalMapper.body(refusal).toString().getBytes(StandardCharsets.UTF_8));
    }
}
