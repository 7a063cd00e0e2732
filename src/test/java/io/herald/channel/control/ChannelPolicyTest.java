package io.herald.channel.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.herald.channel.entity.Access;
import io.herald.channel.entity.ChannelName;
import io.herald.channel.entity.Namespace;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.entity.Device;
import io.herald.security.entity.Identity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChannelPolicyTest {

    private static final List<String> PEOPLE = List.of("alice", "bob", "carol", "device:lobby-1");
    private static final List<String> GROUPS = List.of("red", "blue", "operators", "editors");
    /** Device ids; "alice" also names a user, to show that names never decide between users and devices. */
    private static final List<String> DEVICES = List.of("lobby-1", "kitchen", "alice");
    /** Fixed so that a failure can be replayed; another one: -Dherald.policy.seed=... */
    private static final long SEED = Long.getLong("herald.policy.seed", 20261122L);

    private final Map<String, Access> rules = new LinkedHashMap<>();
    private final ChannelPolicy policy;

    ChannelPolicyTest() {
        rules.put("open", new Access(true, Set.of(), Set.of(), false, false, false));
        rules.put("closed", new Access(false, Set.of(), Set.of(), false, false, false));
        rules.put("ops", new Access(false, Set.of("operators"), Set.of("editors"), false, false, false));
        rules.put("user", new Access(false, Set.of(), Set.of(), true, false, false));
        rules.put("team", new Access(false, Set.of(), Set.of(), false, true, false));
        rules.put("anonuser", new Access(true, Set.of(), Set.of(), true, false, false));
        rules.put("display", new Access(false, Set.of(), Set.of(), false, false, true));
        rules.put("screens", new Access(false, Set.of("operators"), Set.of(), false, false, true));
        rules.put("anondisplay", new Access(true, Set.of(), Set.of(), false, false, true));
        Map<String, Namespace> byName = new LinkedHashMap<>();
        rules.forEach((name, access) -> byName.put(name, new Namespace(name, 10, Duration.ofMinutes(1), true, access)));
        policy = new ChannelPolicy(new Namespaces(byName, 255));
    }

    /** The rules of docs/security.md ("Decision"), written out independently of the policy's code. */
    private static ErrorCode expected(Access access, ChannelName channel, Identity who, boolean publish) {
        boolean owned = access.personal() || access.group() || access.device();
        if (who.anonymous()) {
            return access.anonymous() && !owned ? null : ErrorCode.UNAUTHENTICATED;
        }
        boolean device = who.device() != null;
        if (access.personal() && (device || !who.subject().equals(channel.name()))) {
            return ErrorCode.FORBIDDEN;
        }
        if (access.device() && (!device || !who.device().id().equals(channel.name()))) {
            return ErrorCode.FORBIDDEN;
        }
        if (access.group() && !who.groups().contains(channel.name())) {
            return ErrorCode.FORBIDDEN;
        }
        Set<String> roles = publish ? access.publishRoles() : access.subscribeRoles();
        if (!access.anonymous() && !roles.isEmpty() && roles.stream().noneMatch(who.groups()::contains)) {
            return ErrorCode.FORBIDDEN;
        }
        return null;
    }

    @Test
    void manyRandomIdentitiesAndChannelsGetTheDocumentedDecision() {
        Random random = new Random(SEED);
        List<String> namespaces = new ArrayList<>(rules.keySet());
        List<String> names = new ArrayList<>(PEOPLE.subList(0, 3));
        names.addAll(GROUPS);
        names.addAll(DEVICES);
        for (int i = 0; i < 20_000; i++) {
            Identity who = switch (random.nextInt(5)) {
                case 0 -> Identity.ANONYMOUS;
                case 1 -> Identity.of(new Device(pick(random, DEVICES), someOf(random), Instant.EPOCH));
                default -> new Identity(pick(random, PEOPLE), someOf(random), false, null);
            };
            String namespace = pick(random, namespaces);
            ChannelName channel = new ChannelName(namespace, pick(random, names));
            boolean publish = random.nextBoolean();
            ErrorCode wanted = expected(rules.get(namespace), channel, who, publish);
            ErrorCode got = decide(channel, who, publish);
            assertEquals(
                    wanted,
                    got,
                    "seed " + SEED + ", case " + i + ": " + who + " " + (publish ? "publish " : "subscribe ")
                            + channel);
        }
    }

    @Test
    void aDeviceChannelBelongsToThatDeviceAloneAndAPersonalChannelNeverToADevice() {
        Identity lobby = Identity.of(new Device("lobby-1", Set.of("red"), Instant.EPOCH));
        Identity alice = new Identity("alice", Set.of("red"), false, null);
        assertEquals(null, decide(new ChannelName("display", "lobby-1"), lobby, false));
        assertEquals(ErrorCode.FORBIDDEN, decide(new ChannelName("display", "kitchen"), lobby, false));
        assertEquals(
                ErrorCode.FORBIDDEN,
                decide(new ChannelName("display", "alice"), alice, false),
                "a user never owns a device channel, even one named after her");
        assertEquals(ErrorCode.FORBIDDEN, decide(new ChannelName("user", "alice"), lobby, false));
        assertEquals(
                null, decide(new ChannelName("team", "red"), lobby, false), "groups work for devices as for users");
        assertEquals(
                ErrorCode.FORBIDDEN,
                decide(new ChannelName("screens", "lobby-1"), lobby, false),
                "roles apply to devices through their provisioned groups");
        assertEquals(
                null,
                decide(
                        new ChannelName("screens", "lobby-1"),
                        Identity.of(new Device("lobby-1", Set.of("operators"), Instant.EPOCH)),
                        false));
        assertEquals(
                ErrorCode.UNAUTHENTICATED,
                decide(new ChannelName("anondisplay", "lobby-1"), Identity.ANONYMOUS, false));
    }

    @Test
    void aDeviceIsNeverAUserWhateverTheNamesSay() {
        Identity device = Identity.of(new Device("alice", Set.of(), Instant.EPOCH));
        Identity user = new Identity("device:lobby-1", Set.of(), false, null);
        assertEquals(ErrorCode.FORBIDDEN, decide(new ChannelName("user", "alice"), device, false));
        assertEquals(
                ErrorCode.FORBIDDEN,
                decide(new ChannelName("display", "lobby-1"), user, false),
                "a user whose sub reads like a device's subject is still a user");
        // the device's subject can never be a personal channel's name: ':' is not allowed in a name
        Namespaces parsing = new Namespaces(
                Map.of("user", new Namespace("user", 1, Duration.ofMinutes(1), false, rules.get("user"))), 255);
        assertEquals(
                ErrorCode.INVALID_CHANNEL,
                assertThrows(Refusal.class, () -> parsing.channel("user:device:lobby-1"))
                        .code());
        assertEquals(
                ErrorCode.FORBIDDEN,
                decide(
                        new ChannelName("user", "device"),
                        Identity.of(new Device("device", Set.of(), Instant.EPOCH)),
                        false));
    }

    @Test
    void personalAndGroupChannelsBelongToTheirOwners() {
        Identity alice = new Identity("alice", Set.of("red"), false, null);
        assertEquals(null, decide(new ChannelName("user", "alice"), alice, false));
        assertEquals(ErrorCode.FORBIDDEN, decide(new ChannelName("user", "bob"), alice, false));
        assertEquals(null, decide(new ChannelName("team", "red"), alice, false));
        assertEquals(ErrorCode.FORBIDDEN, decide(new ChannelName("team", "blue"), alice, false));
        assertEquals(
                ErrorCode.UNAUTHENTICATED,
                decide(new ChannelName("anonuser", "anonymous"), Identity.ANONYMOUS, false),
                "the anonymous identity owns no personal channel, even one named after it");
    }

    @Test
    void anUnknownNamespaceIsRefusedBeforeAccessIsDecided() {
        Refusal refusal =
                assertThrows(Refusal.class, () -> policy.subscribe(new ChannelName("nope", "x"), Identity.ANONYMOUS));
        assertEquals(ErrorCode.UNKNOWN_NAMESPACE, refusal.code());
    }

    private ErrorCode decide(ChannelName channel, Identity who, boolean publish) {
        try {
            if (publish) {
                policy.publish(channel, who);
            } else {
                policy.subscribe(channel, who);
            }
            return null;
        } catch (Refusal refusal) {
            return refusal.code();
        }
    }

    private static String pick(Random random, List<String> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static Set<String> someOf(Random random) {
        Set<String> groups = new HashSet<>();
        for (String group : GROUPS) {
            if (random.nextInt(3) == 0) {
                groups.add(group);
            }
        }
        return groups;
    }
}
