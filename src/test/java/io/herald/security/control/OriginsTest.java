package io.herald.security.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginsTest {

    @Test
    void withoutAListOnlyThePagesOwnOriginPasses() {
        Origins origins = new Origins(List.of(" "));
        assertTrue(origins.allowed(null, "herald.example:8080"), "not a browser page");
        assertTrue(origins.allowed("https://herald.example:8080", "herald.example:8080"));
        assertFalse(origins.allowed("https://herald.example.evil:8080", "herald.example:8080"));
        assertFalse(origins.allowed("https://evil.example", "herald.example"));
        assertFalse(origins.allowed("null", "herald.example"));
    }

    @Test
    void listedOriginsMatchExactlyNeverBySubstring() {
        Origins origins = new Origins(List.of("https://app.example.com", " https://admin.example.com"));
        assertTrue(origins.allowed("https://app.example.com", "herald.internal"));
        assertTrue(origins.allowed("https://ADMIN.example.com", "herald.internal"));
        assertFalse(origins.allowed("https://app.example.com.evil.io", "herald.internal"));
        assertFalse(origins.allowed("https://evil.io/https://app.example.com", "herald.internal"));
        assertFalse(origins.allowed("http://app.example.com", "herald.internal"));
        assertTrue(origins.allowed("https://herald.internal", "herald.internal"), "the page's own origin still passes");
    }
}
