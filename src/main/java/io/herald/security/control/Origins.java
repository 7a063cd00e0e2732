package io.herald.security.control;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which browser origins may use Herald. A request without {@code Origin} is not from a browser page and
 * passes (the credential decides). The page's own origin (its host equals the request's {@code Host})
 * always passes; other origins only when listed, matched exactly, never by prefix or substring.
 */
public final class Origins {

    private final List<String> allowed;

    public Origins(List<String> allowed) {
        this.allowed = allowed.stream().map(String::trim).filter(o -> !o.isEmpty())
                .map(o -> o.toLowerCase(Locale.ROOT)).toList();
    }

    /** Security: both values are untrusted request headers. */
    public boolean allowed(String origin, String host) {
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
            String authority = URI.create(wanted).getRawAuthority();
            return authority != null && authority.equals(host.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
