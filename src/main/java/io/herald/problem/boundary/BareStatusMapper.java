package io.herald.problem.boundary;

import io.herald.problem.entity.Refusal;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * JAX-RS's own refusals (no resource at the path: 404, a method it does not serve: 405, a Content-Type it
 * does not take: 415, …) with the JSON body of every other refusal and their status and headers
 * ({@code Allow} stays). Each JAX-RS implementation answers these its own way (Jersey through the
 * container's error page, RESTEasy with an empty body), so they are mapped here, the same everywhere.
 */
@Provider
public class BareStatusMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response answer = exception.getResponse();
        if (answer.hasEntity() || answer.getStatus() < 400) {
            return answer;
        }
        return Response.fromResponse(answer)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(RefusalMapper.body(Refusal.ofStatus(answer.getStatus())).toString())
                .build();
    }
}
