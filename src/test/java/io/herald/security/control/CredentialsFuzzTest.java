package io.herald.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.herald.metrics.control.Meters;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.entity.Device;
import io.herald.security.entity.Identity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Credentials as requests bring them, fed arbitrary text: an {@code Authorization} header read for a device
 * token, and a presented ticket. The only outcomes are the provisioned device (for its exact token), no
 * device token (another scheme), the ticket's identity (for the exact ticket) or 401 unauthenticated.
 * Regression inputs: {@code CredentialsFuzzTestInputs/<method>/}.
 */
class CredentialsFuzzTest {

    /** A token the fuzzer can find only by hashing collisions; its shape is what it can reach. */
    private static final String TOKEN = "hdt_" + "A".repeat(43);

    private static final MemoryDevices DEVICES = new MemoryDevices();
    private static final DeviceCredentials CREDENTIALS = new DeviceCredentials(DEVICES, Meters.none());
    private static final Identity ALICE = new Identity("alice", Set.of("readers"), false, null);
    private static final Tickets TICKETS = new Tickets(Duration.ofMinutes(5), System::nanoTime);

    static {
        DEVICES.save(
                new Device("lobby-1", Set.of("displays"), Instant.parse("2026-01-05T08:00:00Z")),
                DeviceCredentials.hash(TOKEN));
    }

    @FuzzTest(maxDuration = "1m")
    @DictionaryEntries({
        "Device ",
        "device ",
        "DEVICE ",
        "Bearer ",
        "hdt_",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    })
    void authorization(byte[] input) {
        // a header value as the servlet container hands it over: ISO-8859-1
        String header = new String(input, StandardCharsets.ISO_8859_1);
        String token = DeviceCredentials.token(header);
        if (!header.regionMatches(true, 0, "Device ", 0, 7)) {
            assertNull(token, header);
            return;
        }
        assertEquals(header.substring(7).trim(), token);
        try {
            Identity identity = CREDENTIALS.identify(token);
            assertEquals(TOKEN, token, "only the provisioned token identifies a device");
            assertEquals("device:lobby-1", identity.subject());
        } catch (Refusal refusal) {
            assertEquals(ErrorCode.UNAUTHENTICATED, refusal.code(), header);
        }
    }

    @FuzzTest(maxDuration = "1m")
    void tickets(byte[] input) {
        String ticket = TICKETS.issue(ALICE);
        String presented = new String(input, StandardCharsets.UTF_8);
        try {
            Identity identity = TICKETS.redeem(presented);
            assertEquals(ticket, presented, "only the issued ticket is redeemed");
            assertEquals(ALICE, identity);
        } catch (Refusal refusal) {
            assertEquals(ErrorCode.UNAUTHENTICATED, refusal.code());
            assertTrue(TICKETS.valid(ticket), "a wrong ticket consumes none");
            TICKETS.redeem(ticket);
        }
    }
}
