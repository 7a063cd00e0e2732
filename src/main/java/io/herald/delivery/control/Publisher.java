package io.herald.delivery.control;

import io.herald.channel.control.Namespaces;
import io.herald.channel.entity.ChannelName;
import io.herald.delivery.entity.Publish;
import io.herald.delivery.entity.Published;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import java.util.function.BooleanSupplier;

/**
 * The one way in for publications, whoever publishes: validates the request, applies the namespace's
 * rules for the kind of publisher, then hands it to the broker.
 */
public final class Publisher {

    /** Who asks: a trusted system (REST API, CDI event) or a connected client. */
    public enum Source {
        SYSTEM,
        CLIENT
    }

    private final Namespaces namespaces;
    private final Broker broker;
    private final int maxDataBytes;
    private final int maxKeyLength;
    private final BooleanSupplier overloaded;

    /** {@code overloaded}: whether the node's backlog is past its limits (publishing is then refused). */
    public Publisher(
            Namespaces namespaces, Broker broker, int maxDataBytes, int maxKeyLength, BooleanSupplier overloaded) {
        this.namespaces = namespaces;
        this.broker = broker;
        this.maxDataBytes = maxDataBytes;
        this.maxKeyLength = maxKeyLength;
        this.overloaded = overloaded;
    }

    /**
     * Refuses with {@code overloaded} while the node cannot keep up with what it already accepted: the
     * publisher retries later (Retry-After) rather than the backlog, and every client's latency, growing.
     */
    public void admit() {
        if (overloaded.getAsBoolean()) {
            throw new Refusal(ErrorCode.OVERLOADED, "this node is behind with its deliveries; retry later");
        }
    }

    /** Security: every field of {@code request} may come from an untrusted client. */
    public Published publish(Publish request, Source source) {
        ChannelName channel = namespaces.channel(request.channel());
        if (source == Source.CLIENT && !namespaces.of(channel).clientPublish()) {
            throw new Refusal(
                    ErrorCode.PUBLISH_FORBIDDEN, "clients may not publish in namespace '" + channel.namespace() + "'");
        }
        if (request.data() == null) {
            throw new Refusal(ErrorCode.MISSING_FIELD, "data is required");
        }
        if (utf8Length(request.data().toString()) > maxDataBytes) {
            throw new Refusal(ErrorCode.TOO_LARGE, "data is larger than " + maxDataBytes + " bytes");
        }
        if (request.event() != null && request.event().length() > 128) {
            throw new Refusal(ErrorCode.INVALID_FIELD, "event is longer than 128 characters");
        }
        if (request.idempotencyKey() != null
                && (request.idempotencyKey().isEmpty()
                        || request.idempotencyKey().length() > maxKeyLength)) {
            throw new Refusal(ErrorCode.INVALID_FIELD, "idempotencyKey must be 1-" + maxKeyLength + " characters");
        }
        admit();
        if (!broker.ready()) {
            throw new Refusal(ErrorCode.UNAVAILABLE, "publishing is unavailable, retry later");
        }
        return broker.publish(channel, request);
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
