package io.herald.connection.entity;

/**
 * Why the server closes a connection. Codes 4000-4499 tell the client to reconnect (with backoff);
 * 4500-4999 tell it not to reconnect as it is. 1009 is the standard "message too big". One exception:
 * 4009 (its number follows the other credential code, 4007) means the credential is gone for good.
 */
public enum Close {
    SHUTDOWN(4001, "shutdown", true),
    IDLE_TIMEOUT(4002, "idle_timeout", true),
    SLOW_CONSUMER(4003, "slow_consumer", true),
    TOO_MANY_CONNECTIONS(4004, "too_many_connections", true),
    WRITE_FAILED(4005, "write_failed", true),
    INSUFFICIENT_STATE(4006, "insufficient_state", true),
    TOKEN_EXPIRED(4007, "token_expired", true),
    RATE_LIMITED(4008, "rate_limited", true),
    /** The device's token was revoked or replaced: reconnecting with it cannot succeed. */
    REVOKED(4009, "revoked", false),
    BAD_REQUEST(4500, "bad_request", false),
    MESSAGE_TOO_BIG(1009, "message_too_big", false);

    private final int code;
    private final String reason;
    private final boolean reconnect;

    Close(int code, String reason, boolean reconnect) {
        this.code = code;
        this.reason = reason;
        this.reconnect = reconnect;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public boolean reconnect() {
        return reconnect;
    }
}
