package io.herald.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginsTest {

    @Test
    void withoutAListOnlyThePagesOwnOriginPasses() {
        Origins origins = new Origins(List.of(" "), false);
        assertTrue(origins.allowed(null, "herald.example:8080", "https"), "not a browser page");
        assertTrue(origins.allowed("https://herald.example:8080", "herald.example:8080", "https"));
        assertFalse(origins.allowed("https://herald.example.evil:8080", "herald.example:8080", "https"));
        assertFalse(origins.allowed("https://evil.example", "herald.example", "https"));
        assertFalse(origins.allowed("null", "herald.example", "https"));
    }

    @Test
    void thePagesOwnOriginMustHaveTheRequestsScheme() {
        Origins origins = new Origins(List.of(" "), false);
        assertFalse(origins.allowed("https://herald.example:8080", "herald.example:8080", "http"));
        assertFalse(origins.allowed("http://herald.example:8443", "herald.example:8443", "https"));
        assertTrue(origins.allowed("http://herald.example:8080", "herald.example:8080", "http"));
    }

    @Test
    void aForwardedSchemeCountsOnlyWhenTheProxyIsTrusted() {
        assertEquals("http", new Origins(List.of(), false).scheme(false, "https"), "a client's own header");
        assertEquals("https", new Origins(List.of(), false).scheme(true, null));
        assertEquals("https", new Origins(List.of(), true).scheme(false, "https"));
        assertEquals("https", new Origins(List.of(), true).scheme(false, "HTTPS, http"));
        assertEquals("http", new Origins(List.of(), true).scheme(false, null));
    }

    @Test
    void listedOriginsMatchExactlyNeverBySubstring() {
        Origins origins = new Origins(List.of("https://app.example.com", " https://admin.example.com"), false);
        assertTrue(origins.allowed("https://app.example.com", "herald.internal", "http"));
        assertTrue(origins.allowed("https://ADMIN.example.com", "herald.internal", "http"));
        assertFalse(origins.allowed("https://app.example.com.evil.io", "herald.internal", "http"));
        assertFalse(origins.allowed("https://evil.io/https://app.example.com", "herald.internal", "http"));
        assertFalse(origins.allowed("http://app.example.com", "herald.internal", "http"));
        assertTrue(
                origins.allowed("https://herald.internal", "herald.internal", "https"),
                "the page's own origin still passes");
    }
}
