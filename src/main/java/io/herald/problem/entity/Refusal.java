package io.herald.problem.entity;

/**
 * A request Herald will not carry out. Thrown by control code, turned into an error frame or an
 * HTTP error body by the boundary that received the request; never closes a connection by itself.
 */
public final class Refusal extends RuntimeException {

    private final ErrorCode code;

    public Refusal(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
