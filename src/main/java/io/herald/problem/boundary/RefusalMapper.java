package io.herald.problem.boundary;

import io.herald.problem.control.Jsonp;
import io.herald.problem.entity.Refusal;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A refusal over HTTP: its status and {@code {"error":{"code","message"}}}. */
@Provider
public class RefusalMapper implements ExceptionMapper<Refusal> {

    @Override
    public Response toResponse(Refusal refusal) {
        return Response.status(refusal.code().httpStatus())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(refusal).toString())
                .build();
    }

    public static jakarta.json.JsonObject body(Refusal refusal) {
        return Jsonp.PROVIDER
                .createObjectBuilder()
                .add(
                        "error",
                        Jsonp.PROVIDER
                                .createObjectBuilder()
                                .add("code", refusal.code().code())
                                .add("message", refusal.getMessage()))
                .build();
    }
}
