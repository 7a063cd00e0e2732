package io.herald.security.control;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which browser origins may use Herald. A request without {@code Origin} is not from a browser page and
 * passes (the credential decides). The page's own origin always passes: the same scheme, host and port
 * as the request ({@code Host}, and the scheme it came in with, or {@code X-Forwarded-Proto} where a
 * proxy that sets it is trusted); other origins only when listed, matched exactly, never by prefix or
 * substring. Rejected: comparing the authority alone, which let an {@code http} page of the same host
 * use the {@code https} listener and the reverse.
 */
public final class Origins {

    private final List<String> allowed;
    private final boolean trustForwardedProto;

    public Origins(List<String> allowed, boolean trustForwardedProto) {
        this.allowed = allowed.stream()
                .map(String::trim)
                .filter(o -> !o.isEmpty())
                .map(o -> o.toLowerCase(Locale.ROOT))
                .toList();
        this.trustForwardedProto = trustForwardedProto;
    }

    /**
     * The scheme a browser used to reach this server: {@code https} when the connection itself is TLS, or
     * the proxy's {@code X-Forwarded-Proto} when that is trusted. Security: {@code forwarded} is an untrusted
     * header unless a proxy sets it. Rejected: the request's scheme, which Open Liberty takes from a
     * client's own {@code X-Forwarded-Proto}.
     */
    public String scheme(boolean tls, String forwarded) {
        if (trustForwardedProto && forwarded != null && !forwarded.isBlank()) {
            return forwarded.split(",")[0].trim().toLowerCase(Locale.ROOT);
        }
        return tls ? "https" : "http";
    }

    /** Security: origin and host are untrusted request headers; scheme comes from {@link #scheme}. */
    public boolean allowed(String origin, String host, String scheme) {
        if (origin == null) {
            return true;
        }
        String wanted = origin.trim().toLowerCase(Locale.ROOT);
        if (allowed.contains(wanted)) {
            return true;
        }
        if (host == null) {
            return false;
        }
        try {
            URI page = URI.create(wanted);
            String authority = page.getRawAuthority();
            return authority != null
                    && authority.equals(host.trim().toLowerCase(Locale.ROOT))
                    && scheme.equals(page.getScheme());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
