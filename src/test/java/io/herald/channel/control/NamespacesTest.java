package io.herald.channel.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.herald.channel.entity.ChannelName;
import io.herald.channel.entity.Namespace;
import io.herald.channel.entity.OpenNamespace;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Namespaces.channel")
class NamespacesTest {

    private final Namespace news = OpenNamespace.of("news", 10, Duration.ofMinutes(1), false);
    private final Namespaces namespaces = new Namespaces(Map.of("news", news), 20);

    @Test
    void returnsAChannelOfAConfiguredNamespace() {
        ChannelName channel = namespaces.channel("news:sports");

        assertEquals(new ChannelName("news", "sports"), channel);
        assertEquals(news, namespaces.of(channel));
    }

    @Test
    void refusesAnUnknownNamespace() {
        Refusal refusal = assertThrows(Refusal.class, () -> namespaces.channel("chat:room"));

        assertEquals(ErrorCode.UNKNOWN_NAMESPACE, refusal.code());
    }

    @Test
    void refusesAnInvalidNameBeforeLookingUpTheNamespace() {
        assertEquals(
                ErrorCode.INVALID_CHANNEL,
                assertThrows(Refusal.class, () -> namespaces.channel("chat")).code());
        assertEquals(
                ErrorCode.MISSING_FIELD,
                assertThrows(Refusal.class, () -> namespaces.channel(null)).code());
    }

    @Test
    void appliesTheConfiguredMaximumLength() {
        assertEquals(
                "news:0123456789abcde",
                namespaces.channel("news:0123456789abcde").toString());
        assertEquals(
                ErrorCode.INVALID_CHANNEL,
                assertThrows(Refusal.class, () -> namespaces.channel("news:0123456789abcdef"))
                        .code());
    }
}
