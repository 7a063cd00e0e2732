package io.herald.channel.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The channel-name parser, fed arbitrary text: a name whose parts match docs/protocol.md §3 and that
 * writes back as it was given, or missing_field / invalid_channel. Regression inputs:
 * {@code ChannelNameFuzzTestInputs/names/}.
 */
class ChannelNameFuzzTest {

    private static final int MAX_LENGTH = 255;

    @FuzzTest(maxDuration = "1m")
    @DictionaryEntries({":", "news", "a-z", "_", "-", ".", "@", "=", "+", "|", "/", "\u0130", "\u212a"})
    void names(byte[] input) {
        String raw = new String(input, StandardCharsets.UTF_8);
        ChannelName channel;
        try {
            channel = ChannelName.parse(raw, MAX_LENGTH);
        } catch (Refusal refusal) {
            assertTrue(
                    Set.of(ErrorCode.MISSING_FIELD, ErrorCode.INVALID_CHANNEL).contains(refusal.code()),
                    refusal.code() + ": " + raw);
            return;
        }
        assertEquals(raw, channel.toString());
        assertEquals(channel, ChannelName.parse(channel.toString(), MAX_LENGTH));
        assertTrue(raw.length() <= MAX_LENGTH);
        assertTrue(channel.namespace().matches("[a-z][a-z0-9_-]{0,31}"), raw);
        assertTrue(channel.name().matches("[A-Za-z0-9_.@=+|/-]+"), raw);
    }
}
