package io.herald.connection.entity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Limits (a client frame's size in UTF-8 bytes)")
class LimitsTest {

    private static Limits limit(int maxMessageBytes) {
        return new Limits(maxMessageBytes, 8, 1 << 20, 65536, Duration.ofSeconds(25), Duration.ofSeconds(60), 10);
    }

    private static void assertCountsUtf8Bytes(Limits limits, String text) {
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes <= limits.maxMessageBytes()) {
            assertTrue(limits.fitsMessage(text), bytes + " bytes");
        } else {
            assertFalse(limits.fitsMessage(text), bytes + " bytes");
        }
    }

    @Test
    void aFrameOfManyByteCharactersIsCountedInBytes() {
        Limits limits = limit(65536);
        assertFalse(limits.fitsMessage("€".repeat(65_000)), "195,000 bytes in 65,000 characters");
        assertTrue(limits.fitsMessage("€".repeat(21_845)), "65,535 bytes");
        assertFalse(limits.fitsMessage("€".repeat(21_846)), "65,538 bytes");
        assertTrue(limits.fitsMessage("x".repeat(65_536)));
        assertFalse(limits.fitsMessage("x".repeat(65_537)));
    }

    @Test
    void everyKindOfCharacterCountsAsItsUtf8Length() {
        Limits limits = limit(12);
        for (String text : new String[] {
            "",
            "abcdefghijkl",
            "abcdefghijklm",
            "ééééé",
            "éééééé",
            "éééééééx",
            "€€€€",
            "€€€€x",
            "😀😀😀",
            "😀😀😀x",
            "a😀€é",
            "aé€😀😀😀"
        }) {
            assertCountsUtf8Bytes(limits, text);
        }
    }
}
