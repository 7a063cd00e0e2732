package io.herald.problem.boundary;

import io.herald.problem.control.JsonText;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A refusal over HTTP: its status and {@code {"error":{"code","message"}}}; an {@code overloaded} node also
 * says when to try again ({@code Retry-After}, seconds), so that publishers back off instead of retrying at once.
 */
@Provider
public class RefusalMapper implements ExceptionMapper<Refusal> {

    /** The backlog that made the node refuse drains within about this long when publishers pause. */
    private static final int RETRY_AFTER_SECONDS = 1;

    @Override
    public Response toResponse(Refusal refusal) {
        Response.ResponseBuilder response = Response.status(refusal.code().httpStatus());
        if (refusal.code() == ErrorCode.OVERLOADED) {
            response.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        return response.type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(refusal).toString())
                .build();
    }

    public static jakarta.json.JsonObject body(Refusal refusal) {
        return JsonText.JSON
                .createObjectBuilder()
                .add(
                        "error",
                        JsonText.JSON
                                .createObjectBuilder()
                                .add("code", refusal.code().code())
                                .add("message", refusal.getMessage()))
                .build();
    }
}
