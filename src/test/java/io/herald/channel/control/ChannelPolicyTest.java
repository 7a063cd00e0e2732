package io.herald.channel.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.herald.channel.entity.Access;
import io.herald.channel.entity.ChannelName;
import io.herald.channel.entity.Namespace;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.entity.Identity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChannelPolicyTest {

    private static final List<String> PEOPLE = List.of("alice", "bob", "carol");
    private static final List<String> GROUPS = List.of("red", "blue", "operators", "editors");

    private final Map<String, Access> rules = new LinkedHashMap<>();
    private final ChannelPolicy policy;

    ChannelPolicyTest() {
        rules.put("open", new Access(true, Set.of(), Set.of(), false, false));
        rules.put("closed", new Access(false, Set.of(), Set.of(), false, false));
        rules.put("ops", new Access(false, Set.of("operators"), Set.of("editors"), false, false));
        rules.put("user", new Access(false, Set.of(), Set.of(), true, false));
        rules.put("team", new Access(false, Set.of(), Set.of(), false, true));
        rules.put("anonuser", new Access(true, Set.of(), Set.of(), true, false));
        Map<String, Namespace> byName = new LinkedHashMap<>();
        rules.forEach((name, access) -> byName.put(name, new Namespace(name, 10, Duration.ofMinutes(1), true, access)));
        policy = new ChannelPolicy(new Namespaces(byName, 255));
    }

    /** The rules of docs/security.md, written out independently of the policy's code. */
    private static ErrorCode expected(Access access, ChannelName channel, Identity who, boolean publish) {
        boolean owned = access.personal() || access.group();
        if (who.anonymous()) {
            return access.anonymous() && !owned ? null : ErrorCode.UNAUTHENTICATED;
        }
        if (access.personal() && !who.subject().equals(channel.name())) {
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
        Random random = new Random(20261122);
        List<String> namespaces = new ArrayList<>(rules.keySet());
        for (int i = 0; i < 20_000; i++) {
            Identity who = random.nextInt(5) == 0 ? Identity.ANONYMOUS : new Identity(pick(random, PEOPLE),
                    someOf(random), false);
            String namespace = pick(random, namespaces);
            String name = random.nextBoolean() ? pick(random, PEOPLE) : pick(random, GROUPS);
            ChannelName channel = new ChannelName(namespace, name);
            boolean publish = random.nextBoolean();
            ErrorCode wanted = expected(rules.get(namespace), channel, who, publish);
            ErrorCode got = decide(channel, who, publish);
            assertEquals(wanted, got, who + " " + (publish ? "publish " : "subscribe ") + channel);
        }
    }

    @Test
    void personalAndGroupChannelsBelongToTheirOwners() {
        Identity alice = new Identity("alice", Set.of("red"), false);
        assertEquals(null, decide(new ChannelName("user", "alice"), alice, false));
        assertEquals(ErrorCode.FORBIDDEN, decide(new ChannelName("user", "bob"), alice, false));
        assertEquals(null, decide(new ChannelName("team", "red"), alice, false));
        assertEquals(ErrorCode.FORBIDDEN, decide(new ChannelName("team", "blue"), alice, false));
        assertEquals(ErrorCode.UNAUTHENTICATED, decide(new ChannelName("anonuser", "anonymous"), Identity.ANONYMOUS, false),
                "the anonymous identity owns no personal channel, even one named after it");
    }

    @Test
    void anUnknownNamespaceIsRefusedBeforeAccessIsDecided() {
        Refusal refusal = assertThrows(Refusal.class,
                () -> policy.subscribe(new ChannelName("nope", "x"), Identity.ANONYMOUS));
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
