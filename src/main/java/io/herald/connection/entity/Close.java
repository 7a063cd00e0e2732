package io.herald.connection.entity;

/**
 * Why the server closes a connection. Codes 4000-4499 tell the client to reconnect (with backoff);
 * 4500-4999 tell it not to reconnect as it is. 1009 is the standard "message too big".
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
