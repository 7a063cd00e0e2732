package io.herald.security.boundary;

import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.control.Origins;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Pages from other origins. A request whose {@code Origin} is neither the page's own nor allowed is refused
 * with 403 on every transport (the WebSocket upgrade too), so that a page elsewhere cannot use a credential
 * that a proxy or the browser adds for the user. An allowed origin gets CORS headers, which stay on the
 * refusals of the gate after this one, so its page can read them; its preflight is answered here, before
 * any credential is looked at (a browser sends none with it). A request without {@code Origin} is not
 * from a page and passes.
 */
public class OriginGate extends Gate {

    private static final System.Logger LOG = System.getLogger(OriginGate.class.getName());

    @Inject
    Origins origins;

    /** Security: Origin and Host are untrusted headers; compared, never parsed into decisions otherwise. */
    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        // the Servlet spec sets the cipher suite on requests that came over TLS, whatever the headers say
        boolean tls = request.getAttribute("jakarta.servlet.request.cipher_suite") != null;
        String scheme = origins.scheme(tls, request.getHeader("X-Forwarded-Proto"));
        if (!origins.allowed(origin, request.getHeader("Host"), scheme)) {
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
        if (origin != null
                && "OPTIONS".equals(request.getMethod())
                && request.getHeader("Access-Control-Request-Method") != null) {
            response.setHeader("Access-Control-Allow-Methods", "GET, POST, DELETE");
            response.setHeader(
                    "Access-Control-Allow-Headers", "Authorization, Content-Type, Last-Event-ID, If-None-Match");
            response.setHeader("Access-Control-Max-Age", "600");
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        chain.doFilter(request, response);
    }
}
