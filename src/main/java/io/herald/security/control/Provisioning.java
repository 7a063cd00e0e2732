package io.herald.security.control;

import io.herald.metrics.control.Meters;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.entity.Device;
import io.herald.security.entity.Identity;
import io.herald.security.entity.Provisioned;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Device administration (docs/security.md, "Device identities"): provisioning a device gives it a new
 * token (and replaces the old one: rotation), revoking removes it. Only a user holding the admin role
 * may do either; a device never may, whatever groups it was given, so a device cannot mint devices.
 * Every change is reported to {@code changed} with the device id, so that this node closes the live
 * connections and forgets the tickets that still use the old credential.
 */
public final class Provisioning {

    /**
     * The characters of a channel name part without {@code /} (a device id is a URL path segment in
     * {@code DELETE /api/devices/<id>}), starting with a letter or digit (so never {@code .} or {@code ..}).
     */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@=+|-]*");
    /** The longest group name: the same bound as a group channel's name. */
    static final int MAX_GROUP_LENGTH = 255;

    private final Devices devices;
    private final String adminRole;
    private final int maxIdLength;
    private final int maxGroups;
    private final Clock clock;
    private final Meters meters;
    private final Consumer<String> changed;

    public Provisioning(
            Devices devices,
            String adminRole,
            int maxIdLength,
            int maxGroups,
            Clock clock,
            Meters meters,
            Consumer<String> changed) {
        this.devices = devices;
        this.adminRole = adminRole;
        this.maxIdLength = maxIdLength;
        this.maxGroups = maxGroups;
        this.clock = clock;
        this.meters = meters;
        this.changed = changed;
    }

    /** Refuses anyone but a user with the admin role: anonymous 401, a device or a user without it 403. */
    public void authorize(Identity caller) {
        if (caller.anonymous()) {
            throw new Refusal(ErrorCode.UNAUTHENTICATED, "device administration needs a token (Authorization: Bearer)");
        }
        if (caller.isDevice()) {
            throw new Refusal(ErrorCode.FORBIDDEN, "a device cannot administer devices");
        }
        if (!caller.memberOf(adminRole)) {
            throw new Refusal(ErrorCode.FORBIDDEN, "device administration needs the role '" + adminRole + "'");
        }
    }

    /**
     * Provisions the device the body names ({@code {"id":"lobby-1","groups":["displays"]}}) with a new token.
     * Security: {@code body} is untrusted JSON; id and groups are checked before anything is stored.
     */
    public Provisioned provision(Identity caller, JsonValue body) {
        authorize(caller);
        if (body.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new Refusal(ErrorCode.MALFORMED, "the body must be a JSON object {\"id\",\"groups\"}");
        }
        JsonObject request = body.asJsonObject();
        String id = id(request.get("id"));
        Set<String> groups = groups(request.get("groups"));
        String token = DeviceCredentials.newToken();
        Instant created = clock.instant();
        Instant previous = devices.find(id).map(Device::created).orElse(null);
        if (previous != null && !created.isAfter(previous)) {
            // a replaced record must differ from the old one, or connections using the old token would pass the
            // re-check
            created = previous.plusNanos(1);
        }
        Device device = new Device(id, groups, created);
        devices.save(device, DeviceCredentials.hash(token));
        meters.device(previous == null ? "provisioned" : "rotated");
        if (previous != null) {
            changed.accept(id);
        }
        return new Provisioned(device, token);
    }

    public List<Device> all(Identity caller) {
        authorize(caller);
        return devices.all();
    }

    /** Security: {@code id} is untrusted (a URL path segment); an id that cannot exist is never looked up. */
    public void revoke(Identity caller, String id) {
        authorize(caller);
        if (id == null || id.length() > maxIdLength || !ID.matcher(id).matches() || !devices.remove(id)) {
            throw new Refusal(ErrorCode.UNKNOWN_DEVICE, "no device '" + shown(id) + "'");
        }
        meters.device("revoked");
        changed.accept(id);
    }

    private String id(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            throw new Refusal(ErrorCode.MISSING_FIELD, "id is required");
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw new Refusal(ErrorCode.INVALID_FIELD, "id must be a string");
        }
        String id = ((JsonString) value).getString();
        if (id.isEmpty() || id.length() > maxIdLength || !ID.matcher(id).matches()) {
            throw new Refusal(
                    ErrorCode.INVALID_FIELD,
                    "id must be 1-" + maxIdLength + " of A-Z a-z 0-9 _ . @ = + | - and start with a letter or digit");
        }
        return id;
    }

    private Set<String> groups(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return Set.of();
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new Refusal(ErrorCode.INVALID_FIELD, "groups must be an array of strings");
        }
        if (value.asJsonArray().size() > maxGroups) {
            throw new Refusal(ErrorCode.INVALID_FIELD, "a device has at most " + maxGroups + " groups");
        }
        Set<String> groups = new LinkedHashSet<>();
        for (JsonValue group : value.asJsonArray()) {
            if (group.getValueType() != JsonValue.ValueType.STRING) {
                throw new Refusal(ErrorCode.INVALID_FIELD, "groups must be an array of strings");
            }
            String name = ((JsonString) group).getString();
            if (name.isEmpty()
                    || name.length() > MAX_GROUP_LENGTH
                    || name.chars().anyMatch(Character::isISOControl)) {
                throw new Refusal(
                        ErrorCode.INVALID_FIELD,
                        "a group is 1-" + MAX_GROUP_LENGTH + " characters without control characters");
            }
            groups.add(name);
        }
        return groups;
    }

    /** An untrusted id in a message: bounded, so that a refusal cannot echo a huge path back. */
    private String shown(String id) {
        return id == null ? "" : id.length() > maxIdLength ? id.substring(0, maxIdLength) + "…" : id;
    }
}
