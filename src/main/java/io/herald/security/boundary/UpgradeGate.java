package io.herald.security.boundary;

import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.control.Handshakes;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The first gate, for WebSocket upgrades only: refuses handshakes beyond the node's budget per second
 * (503) before any other work, origins and tokens included, so that a reconnect storm costs as little as
 * possible; and hands the client's remote address on to the handshake. Other requests pass untouched.
 */
public class UpgradeGate extends Gate {

    /**
     * Header of the upgrade request with the client's remote address: the handshake API shows headers
     * only, and the per-address quota needs the address. A header of that name sent by the client is
     * replaced, never passed on.
     */
    public static final String REMOTE_ADDRESS = "X-Herald-Remote-Address";

    @Inject
    Handshakes handshakes;

    /** Security: only the Upgrade header is read, and compared. */
    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            chain.doFilter(request, response);
            return;
        }
        if (!handshakes.admit()) {
            violation("handshake_rate");
            refuse(response, new Refusal(ErrorCode.UNAVAILABLE, "too many connections are opening now; retry later"));
            return;
        }
        chain.doFilter(new RemoteAddressed(request), response);
    }

    /** The upgrade request with the client's remote address as header {@link #REMOTE_ADDRESS}. */
    private static final class RemoteAddressed extends HttpServletRequestWrapper {

        RemoteAddressed(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return REMOTE_ADDRESS.equalsIgnoreCase(name) ? getRemoteAddr() : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return REMOTE_ADDRESS.equalsIgnoreCase(name)
                    ? Collections.enumeration(List.of(getRemoteAddr()))
                    : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (String name : Collections.list(super.getHeaderNames())) {
                if (!REMOTE_ADDRESS.equalsIgnoreCase(name)) {
                    names.add(name);
                }
            }
            names.add(REMOTE_ADDRESS);
            return Collections.enumeration(names);
        }
    }
}
