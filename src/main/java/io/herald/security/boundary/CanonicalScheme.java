package io.herald.security.boundary;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * A request whose {@code Authorization: bearer …} (any case) reads {@code Bearer …}: HTTP auth schemes are
 * case-insensitive (RFC 9110 §11.1), but Payara's MicroProfile JWT only takes the scheme spelled
 * {@code Bearer}. Only the scheme changes; the token and every other header are passed on as they came.
 */
final class CanonicalScheme extends HttpServletRequestWrapper {

    private static final String HEADER = "Authorization";
    private static final String BEARER = "Bearer ";

    private CanonicalScheme(HttpServletRequest request) {
        super(request);
    }

    /** The request itself unless its bearer scheme is spelled otherwise than {@code Bearer}. */
    static HttpServletRequest of(HttpServletRequest request) {
        String authorization = request.getHeader(HEADER);
        return respelled(authorization) == authorization ? request : new CanonicalScheme(request);
    }

    /** The token of a bearer {@code Authorization} header (any case of the scheme); null without one. */
    static String bearerToken(HttpServletRequest request) {
        String authorization = respelled(request.getHeader(HEADER));
        return authorization != null && authorization.startsWith(BEARER)
                ? authorization.substring(BEARER.length()).trim()
                : null;
    }

    /** Security: the header is untrusted; only its first seven characters are compared, nothing is logged. */
    private static String respelled(String authorization) {
        if (authorization == null
                || authorization.startsWith(BEARER)
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization;
        }
        return BEARER + authorization.substring(BEARER.length());
    }

    @Override
    public String getHeader(String name) {
        String value = super.getHeader(name);
        return HEADER.equalsIgnoreCase(name) ? respelled(value) : value;
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        if (!HEADER.equalsIgnoreCase(name)) {
            return super.getHeaders(name);
        }
        List<String> values = Collections.list(super.getHeaders(name));
        values.replaceAll(CanonicalScheme::respelled);
        return Collections.enumeration(values);
    }
}
