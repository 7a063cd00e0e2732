package io.herald.channel.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("ChannelName.parse")
class ChannelNameTest {

    private static final int MAX = 255;

    private static ErrorCode refusal(String raw, int maxLength) {
        return assertThrows(Refusal.class, () -> ChannelName.parse(raw, maxLength))
                .code();
    }

    @Test
    void splitsAValidNameIntoNamespaceAndName() {
        ChannelName channel = ChannelName.parse("news:sports", MAX);

        assertEquals("news", channel.namespace());
        assertEquals("sports", channel.name());
        assertEquals("news:sports", channel.toString());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a:b",
                "user-1:42",
                "ns_2:A-Z_a.z@x=y+z|w/v-9",
                "tenant:user@example.com",
                "abcdefghijklmnopqrstuvwxyz012345:x"
            })
    void acceptsEveryAllowedCharacter(String raw) {
        assertEquals(raw, ChannelName.parse(raw, MAX).toString());
    }

    @Test
    void splitsOnTheFirstColonOnly() {
        assertEquals(ErrorCode.INVALID_CHANNEL, refusal("a:b:c", MAX));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void refusesAMissingChannelAsMissingField(String raw) {
        assertEquals(ErrorCode.MISSING_FIELD, refusal(raw, MAX));
    }

    @Test
    void refusesANameWithoutColon() {
        assertEquals(ErrorCode.INVALID_CHANNEL, refusal("newssports", MAX));
    }

    @ParameterizedTest
    @ValueSource(strings = {":sports", "news:", ":"})
    void refusesEmptyParts(String raw) {
        assertEquals(ErrorCode.INVALID_CHANNEL, refusal(raw, MAX));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "News:sports",
                "NEWS:sports",
                "1news:sports",
                "_news:sports",
                "-news:sports",
                "ne ws:sports",
                "ne.ws:sports",
                "nëws:sports",
                "abcdefghijklmnopqrstuvwxyz0123456:x"
            })
    void refusesABadNamespace(String raw) {
        assertEquals(ErrorCode.INVALID_CHANNEL, refusal(raw, MAX));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "news:a b",
                "news:a#b",
                "news:a*",
                "news:é",
                "news:a\nb",
                "news:a\u0000",
                "news:<script>",
                "news:a?b",
                "news:a%20b"
            })
    void refusesBadCharactersInTheName(String raw) {
        assertEquals(ErrorCode.INVALID_CHANNEL, refusal(raw, MAX));
    }

    @Test
    void refusesANameLongerThanTheLimitAndAcceptsOneAtTheLimit() {
        assertEquals("ns:1234567", ChannelName.parse("ns:1234567", 10).toString());
        assertEquals(ErrorCode.INVALID_CHANNEL, refusal("ns:12345678", 10));
    }

    @Test
    void constructorRejectsInvalidParts() {
        assertThrows(IllegalArgumentException.class, () -> new ChannelName("News", "x"));
        assertThrows(IllegalArgumentException.class, () -> new ChannelName("news", ""));
    }
}
