package io.herald.security.control;

import java.util.List;
import java.util.function.Function;

/**
 * Where a request carries its bearer token, as MicroProfile JWT lets the operator choose
 * ({@code mp.jwt.token.header}, {@code mp.jwt.token.cookie}): {@code Authorization: Bearer <token>} (any
 * case of the scheme, RFC 9110 §11.1), or the value of a cookie.
 *
 * @param cookie     true: the token is the value of cookie {@code cookieName}; false: in {@code Authorization}
 * @param cookieName the cookie's name ({@code mp.jwt.token.cookie}, "Bearer" by default)
 */
public record TokenHeader(boolean cookie, String cookieName) {

    private static final String BEARER = "Bearer ";

    /**
     * The bearer token a request offers; null when it offers none. {@code headers} gives a header's values
     * by name. Security: the headers are untrusted; the token is only cut out, never logged.
     */
    public String offered(Function<String, List<String>> headers) {
        if (cookie) {
            return cookie(headers.apply("Cookie"));
        }
        List<String> authorizations = headers.apply("Authorization");
        return authorizations == null || authorizations.isEmpty() ? null : bearer(authorizations.get(0));
    }

    /** The token of {@code Authorization: Bearer <token>}, whatever the case of the scheme (maybe empty); null otherwise. */
    public static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        // an empty token is still a token offered, and refused: never taken for no credential
        return authorization.substring(BEARER.length()).trim();
    }

    private String cookie(List<String> values) {
        if (values == null) {
            return null;
        }
        for (String value : values) {
            for (String pair : value.split(";")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).trim().equals(cookieName)) {
                    String token = pair.substring(equals + 1).trim();
                    return token.isEmpty() ? null : token;
                }
            }
        }
        return null;
    }
}
