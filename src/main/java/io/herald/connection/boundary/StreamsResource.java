package io.herald.connection.boundary;

import io.herald.connection.control.Polls;
import io.herald.connection.control.Streams;
import io.herald.connection.entity.Cursor;
import io.herald.security.boundary.Caller;
import io.herald.security.entity.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * {@code GET /api/sse?cursor=...}: herald.v1 frames as server-sent events (docs/protocol.md, "HTTP
 * transports"). The request thread returns at once; the stream is written by Herald's writers.
 */
@ApplicationScoped
@Path("sse")
public class StreamsResource {

    @Inject
    Streams streams;

    @Inject
    Polls polls;

    @Inject
    Caller caller;

    /**
     * Security: the cursor and Last-Event-ID are untrusted; both are parsed strictly and bounded before
     * anything is subscribed. A refusal is answered with its status before the stream starts. The only
     * credential a URL may carry is a single-use ticket, never a token.
     */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(
            @QueryParam("cursor") String cursor,
            @HeaderParam("Last-Event-ID") String lastEventId,
            @QueryParam("ticket") String ticket,
            @Context SseEventSink sink,
            @Context Sse sse,
            @Context HttpServletRequest request) {
        // the browser's reconnect repeats the first URL: its Last-Event-ID is the newer position
        Cursor from = polls.cursor(lastEventId == null || lastEventId.isBlank() ? cursor : lastEventId);
        Identity identity = caller.identity(ticket);
        polls.authorize(from, identity);
        streams.open(new SseTransport(sink, sse, from), from, identity, request.getRemoteAddr());
    }
}
