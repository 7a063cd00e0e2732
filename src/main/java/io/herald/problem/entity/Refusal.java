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

    /**
     * The refusal behind a bare HTTP status that the container or JAX-RS answered by itself, so that its
     * body says the same as Herald's own; the response keeps its status (a 414 stays a 414).
     */
    public static Refusal ofStatus(int status) {
        ErrorCode code = ErrorCode.ofStatus(status);
        String message = switch (code) {
            case UNAUTHENTICATED -> "the credential was not accepted";
            case FORBIDDEN -> "this request is not allowed";
            case NOT_FOUND -> "nothing is served at this path";
            case METHOD_NOT_ALLOWED -> "this method is not served at this path";
            case NOT_ACCEPTABLE -> "no answer in a media type the request accepts";
            case TIMEOUT -> "the request did not arrive in time";
            case TOO_LARGE -> "the request is too large";
            case UNSUPPORTED_MEDIA_TYPE -> "this Content-Type is not accepted here";
            case RATE_LIMITED -> "too many requests; slow down";
            case UNAVAILABLE -> "unavailable; retry later";
            case MALFORMED -> "the request could not be read";
            default -> "the server failed while handling the request";
        };
        return new Refusal(code, message);
    }
}
