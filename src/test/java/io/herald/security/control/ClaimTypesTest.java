package io.herald.security.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClaimTypesTest {

    private static String signed(String payload) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    @Test
    void wellTypedClaimsPass() {
        assertDoesNotThrow(() -> ClaimTypes.check(signed("{\"sub\":\"alice\",\"upn\":\"a@x\","
                + "\"preferred_username\":\"al\",\"groups\":[\"red\"],\"exp\":1800000000,\"nbf\":1.5,\"x\":{}}")));
        assertDoesNotThrow(() -> ClaimTypes.check(signed("{\"sub\":\"alice\"}")));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"sub\":{\"id\":\"x\"}}",
                "{\"sub\":42}",
                "{\"sub\":null}",
                "{\"upn\":[\"x\"]}",
                "{\"preferred_username\":true}",
                "{\"groups\":\"red\"}",
                "{\"groups\":{\"a\":\"red\"}}",
                "{\"groups\":[\"red\",7]}",
                "{\"exp\":\"1800000000\"}",
                "{\"nbf\":\"1800000000\"}",
                "{\"iat\":true}"
            })
    void aClaimOfAnotherTypeIsRefused(String payload) {
        Refusal refused = assertThrows(Refusal.class, () -> ClaimTypes.check(signed(payload)), payload);
        assertEquals(ErrorCode.UNAUTHENTICATED, refused.code());
    }

    @Test
    void aPayloadThatIsNotAJsonObjectIsRefused() {
        assertThrows(Refusal.class, () -> ClaimTypes.check("e30.!!!.c2ln"));
        assertThrows(Refusal.class, () -> ClaimTypes.check(signed("[1]")));
    }

    @Test
    void anEncryptedTokenIsLeftToTheVerifier() {
        assertDoesNotThrow(() -> ClaimTypes.check("a.b.c.d.e"));
        assertDoesNotThrow(() -> ClaimTypes.check(null));
    }
}
