package io.herald.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenHeaderTest {

    @Test
    void theBearerTokenIsReadFromTheConfiguredPlace() {
        TokenHeader authorization = new TokenHeader(false, "Bearer");
        assertEquals("abc", authorization.offered(Map.of("Authorization", List.of("bEaReR abc"))::get));
        assertEquals("", authorization.offered(Map.of("Authorization", List.of("Bearer "))::get));
        assertNull(authorization.offered(Map.of("Authorization", List.of("Device abc"))::get));
        assertNull(authorization.offered(Map.<String, List<String>>of()::get));
        TokenHeader cookie = new TokenHeader(true, "jwt");
        assertEquals("abc", cookie.offered(Map.of("Cookie", List.of("a=1; jwt=abc; b=2"))::get));
        assertNull(cookie.offered(Map.of("Authorization", List.of("Bearer abc"))::get));
    }
}
