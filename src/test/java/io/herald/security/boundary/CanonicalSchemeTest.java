package io.herald.security.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the container's authentication reads of a request whose bearer scheme is spelled in another case. */
class CanonicalSchemeTest {

    private static HttpServletRequest request(Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(
                CanonicalSchemeTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> headers.get(((String) args[0]).toLowerCase());
                    case "getHeaders" ->
                        Collections.enumeration(
                                headers.containsKey(((String) args[0]).toLowerCase())
                                        ? List.of(headers.get(((String) args[0]).toLowerCase()))
                                        : List.of());
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void anyCaseOfTheBearerSchemeReadsBearerAndTheTokenIsUntouched() {
        for (String scheme : List.of("bearer", "BEARER", "bEaReR")) {
            HttpServletRequest canonical =
                    CanonicalScheme.of(request(Map.of("authorization", scheme + " a.B-c.d", "origin", "http://x")));
            assertEquals("Bearer a.B-c.d", canonical.getHeader("Authorization"), scheme);
            assertEquals("Bearer a.B-c.d", canonical.getHeader("authorization"), scheme);
            assertEquals(List.of("Bearer a.B-c.d"), Collections.list(canonical.getHeaders("AUTHORIZATION")), scheme);
            assertEquals("http://x", canonical.getHeader("Origin"));
            assertEquals("a.B-c.d", CanonicalScheme.bearerToken(canonical));
        }
    }

    @Test
    void aRequestThatNeedsNoRespellingIsPassedOnAsItIs() {
        for (Map<String, String> headers : List.of(
                Map.<String, String>of(),
                Map.of("authorization", "Bearer t"),
                Map.of("authorization", "Device hdt_x"),
                Map.of("authorization", "bearerless"))) {
            HttpServletRequest request = request(headers);
            assertSame(request, CanonicalScheme.of(request), headers.toString());
        }
        assertEquals("t", CanonicalScheme.bearerToken(request(Map.of("authorization", "bearer t"))));
        assertNull(CanonicalScheme.bearerToken(request(Map.of("authorization", "Device hdt_x"))));
        assertNull(CanonicalScheme.bearerToken(request(Map.of())));
    }
}
