package io.herald.connection.boundary;

import io.herald.connection.control.Connections;
import io.herald.problem.boundary.RefusalMapper;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The first filter in front of {@code /ws} and {@code /api/*}: while the node drains or stops, every request
 * (a WebSocket upgrade, an SSE stream, a poll, a publish) is refused with 503 {@code unavailable} and the JSON
 * error body, so that the client retries on another node.
 * Readiness is down from the same moment. The connections already open are moved by the drain itself.
 */
public class DrainGate extends HttpFilter {

    private static final byte[] BODY = RefusalMapper.body(
                    new Refusal(ErrorCode.UNAVAILABLE, "this node is shutting down; retry on another node"))
            .toString()
            .getBytes(StandardCharsets.UTF_8);

    @Inject
    Connections connections;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!connections.shuttingDown()) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(ErrorCode.UNAVAILABLE.httpStatus());
        response.setContentType("application/json");
        response.setContentLength(BODY.length);
        response.getOutputStream().write(BODY);
    }
}
