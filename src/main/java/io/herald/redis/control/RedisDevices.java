package io.herald.redis.control;

import io.herald.problem.control.Jsonp;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.control.Devices;
import io.herald.security.entity.Device;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Device records in Redis, so that every node accepts a device provisioned on any of them (docs/redis.md):
 * a hash per device, a key from each current token's SHA-256 to its device, and the set of ids. Saving and
 * removing are scripts, so that a token and its device never disagree: a replaced token's key goes in the
 * same step. The scripts name the old token's key themselves (they read it from the device); all device
 * keys share the hash tag {@code {devices}}, so they are on one Redis Cluster slot all the same.
 */
final class RedisDevices implements Devices {

    /** KEYS: device, new token key, ids. ARGV: id, token hash, groups (JSON), created, token key prefix. */
    private static final String SAVE = """
            local old = redis.call('HGET', KEYS[1], 'token')
            if old then redis.call('DEL', ARGV[5] .. old) end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], 'token', ARGV[2], 'groups', ARGV[3], 'created', ARGV[4])
            redis.call('SET', KEYS[2], ARGV[1])
            redis.call('SADD', KEYS[3], ARGV[1])
            return 1
            """;

    /** KEYS: token key. ARGV: device key prefix, token hash. Returns {id, groups, created} or nil. */
    private static final String BY_TOKEN = """
            local id = redis.call('GET', KEYS[1])
            if not id then return false end
            local fields = redis.call('HMGET', ARGV[1] .. id, 'token', 'groups', 'created')
            if fields[1] ~= ARGV[2] then return false end
            return {id, fields[2], fields[3]}
            """;

    /** KEYS: device, ids. ARGV: id, token key prefix. Returns 1 when there was a device. */
    private static final String REMOVE = """
            local old = redis.call('HGET', KEYS[1], 'token')
            redis.call('SREM', KEYS[2], ARGV[1])
            if not old then return 0 end
            redis.call('DEL', KEYS[1], ARGV[2] .. old)
            return 1
            """;

    private final JedisPool pool;
    private final Keys keys;

    RedisDevices(JedisPool pool, Keys keys) {
        this.pool = pool;
        this.keys = keys;
    }

    @Override
    public void save(Device device, String tokenHash) {
        call(jedis -> jedis.eval(
                SAVE,
                List.of(keys.device(device.id()), keys.deviceToken(tokenHash), keys.deviceIds()),
                List.of(
                        device.id(),
                        tokenHash,
                        groups(device.groups()),
                        device.created().toString(),
                        keys.deviceTokenPrefix())));
    }

    @Override
    public Optional<Device> find(String id) {
        List<String> fields = call(jedis -> jedis.hmget(keys.device(id), "groups", "created"));
        return fields.get(1) == null ? Optional.empty() : Optional.of(device(id, fields.get(0), fields.get(1)));
    }

    @Override
    public Optional<Device> byToken(String tokenHash) {
        Object reply = call(jedis ->
                jedis.eval(BY_TOKEN, List.of(keys.deviceToken(tokenHash)), List.of(keys.devicePrefix(), tokenHash)));
        if (!(reply instanceof List<?> found)) {
            return Optional.empty();
        }
        return Optional.of(device((String) found.get(0), (String) found.get(1), (String) found.get(2)));
    }

    @Override
    public List<Device> all() {
        List<Device> devices = new ArrayList<>();
        for (String id : call(jedis -> jedis.smembers(keys.deviceIds()))) {
            find(id).ifPresent(devices::add);
        }
        devices.sort(Comparator.comparing(Device::id));
        return devices;
    }

    @Override
    public boolean remove(String id) {
        Object removed = call(jedis ->
                jedis.eval(REMOVE, List.of(keys.device(id), keys.deviceIds()), List.of(id, keys.deviceTokenPrefix())));
        return Long.valueOf(1).equals(removed);
    }

    private static String groups(Set<String> groups) {
        JsonArrayBuilder array = Jsonp.PROVIDER.createArrayBuilder();
        groups.stream().sorted().forEach(array::add);
        return array.build().toString();
    }

    private static Device device(String id, String groups, String created) {
        Set<String> names = Jsonp.PROVIDER.createReader(new StringReader(groups)).readArray().stream()
                .map(value -> ((JsonString) value).getString())
                .collect(Collectors.toSet());
        return new Device(id, names, Instant.parse(created));
    }

    private <T> T call(Function<Jedis, T> command) {
        try (Jedis jedis = pool.getResource()) {
            return command.apply(jedis);
        } catch (JedisException e) {
            throw new Refusal(ErrorCode.UNAVAILABLE, "Redis is unreachable; retry later");
        }
    }
}
