package io.herald.problem.entity;

/**
 * Every error Herald reports, with the code clients see on every transport and the HTTP status the
 * REST and HTTP transports answer with. The list is the documented contract of docs/protocol.md.
 */
public enum ErrorCode {
    MALFORMED("malformed", 400),
    UNKNOWN_TYPE("unknown_type", 400),
    MISSING_FIELD("missing_field", 400),
    INVALID_FIELD("invalid_field", 400),
    INVALID_CHANNEL("invalid_channel", 400),
    UNKNOWN_NAMESPACE("unknown_namespace", 404),
    NOT_SUBSCRIBED("not_subscribed", 400),
    ALREADY_SUBSCRIBED("already_subscribed", 409),
    TOO_MANY_CHANNELS("too_many_channels", 429),
    TOO_LARGE("too_large", 413),
    PUBLISH_FORBIDDEN("publish_forbidden", 403),
    UNAUTHENTICATED("unauthenticated", 401),
    FORBIDDEN("forbidden", 403),
    RATE_LIMITED("rate_limited", 429),
    TOO_MANY_CONNECTIONS("too_many_connections", 429),
    UNAVAILABLE("unavailable", 503),
    OVERLOADED("overloaded", 503),
    UNKNOWN_DEVICE("unknown_device", 404),
    NOT_FOUND("not_found", 404),
    METHOD_NOT_ALLOWED("method_not_allowed", 405),
    NOT_ACCEPTABLE("not_acceptable", 406),
    TIMEOUT("timeout", 408),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415),
    INTERNAL("internal", 500);

    private final String code;
    private final int httpStatus;

    ErrorCode(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /**
     * The code of a refusal that has only an HTTP status: one the container or JAX-RS answered by itself
     * (a path or method Herald does not serve, an uncaught failure).
     */
    public static ErrorCode ofStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 408 -> TIMEOUT;
            case 413, 414, 431 -> TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 503 -> UNAVAILABLE;
            default -> status >= 400 && status < 500 ? MALFORMED : INTERNAL;
        };
    }
}
