package io.herald.connection.boundary;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.herald.security.control.Tickets;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The ticket a WebSocket handshake offers as subprotocol {@code herald.ticket.<ticket>}, read from arbitrary
 * {@code Sec-WebSocket-Protocol} headers: the text after the prefix of the first offered protocol that has
 * it, or none ({@code Tickets.offered}, which the handshake uses). (The ticket is then only looked up: CredentialsFuzzTest.) Regression inputs:
 * {@code WebSocketGateFuzzTestInputs/offeredTickets/}.
 */
class WebSocketGateFuzzTest {

    @FuzzTest(maxDuration = "1m")
    @DictionaryEntries({"herald.v1", "herald.ticket.", ",", " "})
    void offeredTickets(byte[] input) {
        // one header per line, each value as the container hands it over: ISO-8859-1
        List<String> headers = Arrays.asList(new String(input, StandardCharsets.ISO_8859_1).split("\n", -1));
        String ticket = Tickets.offered(headers);
        boolean offered = headers.stream()
                .flatMap(h -> Arrays.stream(h.split(",")))
                .anyMatch(p -> p.trim().startsWith(Tickets.SUBPROTOCOL_PREFIX));
        if (!offered) {
            assertNull(ticket);
            return;
        }
        assertNotNull(ticket);
        assertTrue(
                headers.stream()
                        .flatMap(h -> Arrays.stream(h.split(",")))
                        .anyMatch(p -> p.trim().equals(Tickets.SUBPROTOCOL_PREFIX + ticket)),
                ticket);
    }
}
