package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Random identities (anonymous, users, devices) subscribing to random channels of {@link DeviceIT}'s
 * namespaces over a random transport (WebSocket, poll, {@code POST /api/client}), each answer checked
 * against the rules of docs/security.md ("Decision"), written out here independently of Herald's code.
 * The seed is fixed so that a failure can be replayed; another one: {@code -Dherald.policy.seed=...}.
 */
final class PolicyOverTheWire {

    private static final long SEED = Long.getLong("herald.policy.seed", 20260105L);
    private static final List<String> GROUPS = List.of("red", "blue", "operators");
    /** A user named like a device and one whose sub reads like a device's subject: names never decide. */
    private static final List<String> USERS = List.of("alice", "bob", "lobby-9", "device:lobby-9");
    /** "alice" is also a user's name. */
    private static final List<String> DEVICES = List.of("lobby-9", "kiosk-2", "alice");

    private static final List<String> NAMES = List.of("alice", "bob", "lobby-9", "kiosk-2", "red", "blue", "operators");
    private static final List<String> TRANSPORTS = List.of("websocket", "poll", "client");

    /** A namespace's access as DeviceIT configures it. */
    private record Rule(boolean anonymous, Set<String> roles, boolean personal, boolean group, boolean device) {}

    private static final Map<String, Rule> RULES = Map.of(
            "demo", new Rule(true, Set.of(), false, false, false),
            "news", new Rule(false, Set.of(), false, false, false),
            "user", new Rule(false, Set.of(), true, false, false),
            "team", new Rule(false, Set.of(), false, true, false),
            "ops", new Rule(false, Set.of("operators"), false, false, false),
            "display", new Rule(false, Set.of(), false, false, true));

    /** Who asks: a user (subject and groups), a device (id and groups), or nobody. */
    private record Who(String kind, String name, Set<String> groups) {

        static final Who ANONYMOUS = new Who("anonymous", "", Set.of());

        @Override
        public String toString() {
            return kind + (name.isEmpty() ? "" : " " + name + " " + groups);
        }
    }

    private final DeviceIT test;
    private final Random random = new Random(SEED);
    private final Map<String, Map<String, String>> credentials = new LinkedHashMap<>();
    private final Map<Who, WsClient> sockets = new LinkedHashMap<>();

    PolicyOverTheWire(DeviceIT test) {
        this.test = test;
    }

    void check(int cases) {
        List<Who> devices = new ArrayList<>();
        for (String id : DEVICES) {
            Set<String> groups = someGroups();
            devices.add(new Who("device", id, groups));
            credentials.put("device " + id, DeviceIT.device(test.provision(id, groups.toArray(String[]::new))));
        }
        List<String> namespaces = new ArrayList<>(new TreeSet<>(RULES.keySet()));
        Map<String, Integer> tally = new java.util.TreeMap<>();
        try {
            for (int i = 0; i < cases; i++) {
                Who who = switch (random.nextInt(4)) {
                    case 0 -> Who.ANONYMOUS;
                    case 1 -> devices.get(random.nextInt(devices.size()));
                    default -> new Who("user", pick(USERS), someGroups());
                };
                String namespace = pick(namespaces);
                String channel = namespace + ":" + pick(NAMES);
                String transport = pick(TRANSPORTS);
                String expected = expected(RULES.get(namespace), channel.substring(namespace.length() + 1), who);
                assertEquals(
                        expected,
                        answer(who, channel, transport),
                        "seed " + SEED + ", case " + i + ": " + who + " subscribes to " + channel + " over "
                                + transport);
                tally.merge(expected, 1, Integer::sum);
                tally.merge(transport, 1, Integer::sum);
                tally.merge(who.kind(), 1, Integer::sum);
            }
            System.out.printf("policy over the wire, seed %d, %d cases: %s%n", SEED, cases, tally);
        } finally {
            sockets.values().forEach(WsClient::close);
        }
    }

    /** The documented decision: "subscribed", or the refusal's code. */
    private static String expected(Rule rule, String name, Who who) {
        boolean owned = rule.personal() || rule.group() || rule.device();
        if (who == Who.ANONYMOUS) {
            return rule.anonymous() && !owned ? "subscribed" : "unauthenticated";
        }
        boolean device = who.kind().equals("device");
        if (rule.personal() && (device || !who.name().equals(name))) {
            return "forbidden";
        }
        if (rule.device() && (!device || !who.name().equals(name))) {
            return "forbidden";
        }
        if (rule.group() && !who.groups().contains(name)) {
            return "forbidden";
        }
        if (!rule.anonymous()
                && !rule.roles().isEmpty()
                && who.groups().stream().noneMatch(rule.roles()::contains)) {
            return "forbidden";
        }
        return "subscribed";
    }

    /** What Herald answered over {@code transport}: "subscribed", or the refusal's code. */
    private String answer(Who who, String channel, String transport) {
        Map<String, String> auth = credential(who);
        return switch (transport) {
            case "websocket" -> DeviceIT.subscribe(socket(who, auth), channel);
            case "poll" ->
                outcome(DeviceIT.status(test.request(
                                "api/poll?wait=0&cursor=" + URLEncoder.encode(channel, StandardCharsets.UTF_8), auth)
                        .GET()));
            default ->
                outcome(DeviceIT.status(test.request("api/client", auth)
                        .POST(DeviceIT.body("{\"type\":\"subscribe\",\"channel\":\"" + channel + "\"}"))));
        };
    }

    /** A user's JWT, a device's token (made once per identity), or nothing. */
    private Map<String, String> credential(Who who) {
        if (who == Who.ANONYMOUS) {
            return Map.of();
        }
        if (who.kind().equals("device")) {
            return credentials.get("device " + who.name());
        }
        return credentials.computeIfAbsent(
                who.toString(),
                k -> DeviceIT.bearer(DeviceIT.SSO.valid(who.name(), who.groups().toArray(String[]::new))));
    }

    /** One WebSocket per identity; a device opens it with its header or, like a browser, with a ticket. */
    private WsClient socket(Who who, Map<String, String> auth) {
        return sockets.computeIfAbsent(who, w -> {
            WsClient client = w.kind().equals("device") && random.nextBoolean()
                    ? WsClient.connect(test.herald.webSocket(), Map.of(), "herald.ticket." + test.ticket(auth))
                    : WsClient.connect(test.herald.webSocket(), auth);
            client.next("connected");
            return client;
        });
    }

    private static String outcome(int status) {
        return switch (status) {
            case 200 -> "subscribed";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            default -> "HTTP " + status;
        };
    }

    private Set<String> someGroups() {
        Set<String> groups = new TreeSet<>();
        for (String group : GROUPS) {
            if (random.nextInt(3) == 0) {
                groups.add(group);
            }
        }
        return groups;
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
