package io.herald.connection.entity;

/**
 * Why the server closes a connection. The code alone says whether to reconnect, so a client needs no
 * table: 4000-4499 reconnect (with backoff and jitter, then resume), 4500-4999 do not reconnect as it is.
 * The only code outside Herald's range is the WebSocket standard's 1009 (message too big), which the
 * container sends and which, like 4500-4999, means the client must change before it tries again.
 * Rejected: a per-code flag that clients must copy (herald.js used to special-case 4009); the
 * revocation code moved from 4009 to 4509 for that, and old clients, which follow the ranges, keep
 * doing the right thing.
 */
public enum Close {
    SHUTDOWN(4001, "shutdown"),
    IDLE_TIMEOUT(4002, "idle_timeout"),
    SLOW_CONSUMER(4003, "slow_consumer"),
    TOO_MANY_CONNECTIONS(4004, "too_many_connections"),
    WRITE_FAILED(4005, "write_failed"),
    INSUFFICIENT_STATE(4006, "insufficient_state"),
    TOKEN_EXPIRED(4007, "token_expired"),
    RATE_LIMITED(4008, "rate_limited"),
    BAD_REQUEST(4500, "bad_request"),
    /** The device's token was revoked or replaced: reconnecting with it cannot succeed. */
    REVOKED(4509, "revoked"),
    MESSAGE_TOO_BIG(1009, "message_too_big");

    private final int code;
    private final String reason;

    Close(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }
}
