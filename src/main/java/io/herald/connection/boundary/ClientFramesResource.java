package io.herald.connection.boundary;

import io.herald.connection.control.Commands;
import io.herald.connection.entity.Limits;
import io.herald.platform.RequestBodies;
import io.herald.problem.control.JsonText;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.boundary.Caller;
import io.herald.security.control.Throttles;
import io.herald.security.entity.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;

/**
 * {@code POST /api/client}: one herald.v1 client frame over HTTP, answered with its reply frame, for
 * clients on SSE or polling. A client publish here follows the namespace's client-publish rule.
 */
@ApplicationScoped
@Path("client")
public class ClientFramesResource {

    @Inject
    Commands commands;

    @Inject
    Limits limits;

    @Inject
    Caller caller;

    @Inject
    Throttles throttles;

    @Inject
    RequestBodies bodies;

    /**
     * Security: the body is untrusted; it is read up to the frame limit, without a thread waiting for it,
     * before it is parsed. The caller is the bearer of its token, or of a single-use ticket in the query
     * (browsers with a ticket function).
     */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public void send(
            @QueryParam("ticket") String ticket, @Context HttpServletRequest request, @Suspended AsyncResponse async)
            throws IOException {
        Identity identity;
        try {
            identity = caller.identity(ticket);
            // the caller is its subject when it has one; anonymous callers are told apart by address only
            throttles.admit(identity.anonymous() ? "address " + request.getRemoteAddr() : "user " + identity.subject());
        } catch (Refusal refusal) {
            async.resume(refusal);
            return;
        }
        bodies.read(request, async, limits.maxMessageBytes(), bytes -> reply(bytes, identity));
    }

    private Response reply(byte[] bytes, Identity identity) {
        if (bytes.length > limits.maxMessageBytes()) {
            throw new Refusal(ErrorCode.TOO_LARGE, "a frame is at most " + limits.maxMessageBytes() + " bytes");
        }
        String reply = commands.reply(JsonText.utf8(bytes), identity);
        return reply == null
                ? Response.noContent().build()
                : Response.ok(reply, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
