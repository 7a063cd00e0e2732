package io.herald.connection.boundary;

import io.herald.connection.control.Polls;
import io.herald.connection.control.Waiter;
import io.herald.connection.entity.Cursor;
import io.herald.connection.entity.PollAnswer;
import io.herald.problem.entity.Refusal;
import io.herald.security.boundary.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.CompletionCallback;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/poll?cursor=...&wait=25}: long-poll, or poll with {@code wait=0}. A waiting request
 * is suspended (no thread held) with temporary hub subscriptions that are released however it ends.
 */
@ApplicationScoped
@Path("poll")
public class PollsResource {

    @Inject
    Polls polls;

    @Inject
    Caller caller;

    /**
     * Security: cursor, wait and ticket are untrusted; cursor and wait are parsed strictly and bounded, the
     * ticket (single use: a poll needs a new one each time) is only looked up. No token in a URL.
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public void poll(
            @QueryParam("cursor") String raw,
            @QueryParam("wait") String wait,
            @HeaderParam("If-None-Match") String ifNoneMatch,
            @QueryParam("ticket") String ticket,
            @Context HttpServletRequest request,
            @Suspended AsyncResponse async) {
        try {
            Cursor cursor = polls.authorize(polls.cursor(raw), caller.identity(ticket));
            Duration duration = polls.wait(wait);
            polls.counted(duration);
            PollAnswer now = polls.answer(cursor);
            if (!now.isEmpty() || duration.isZero()) {
                async.resume(response(now, ifNoneMatch));
                return;
            }
            Waiter waiter = polls.waiter(
                    cursor, request.getRemoteAddr(), answer -> async.resume(response(answer, ifNoneMatch)));
            async.register((CompletionCallback) failure -> waiter.close());
            async.setTimeoutHandler(suspended -> waiter.expire());
            async.setTimeout(duration.toMillis(), TimeUnit.MILLISECONDS);
            waiter.start();
        } catch (Refusal refusal) {
            async.resume(refusal);
        }
    }

    private static Response response(PollAnswer answer, String ifNoneMatch) {
        String etag = answer.etag();
        Response.ResponseBuilder response = answer.isEmpty() && matches(ifNoneMatch, etag)
                ? Response.notModified()
                : Response.ok(answer.json(), MediaType.APPLICATION_JSON_TYPE);
        return response.header("ETag", etag)
                .header("Cache-Control", "no-cache, private")
                .build();
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String candidate = tag.trim();
            if (candidate.equals(etag) || candidate.equals("W/" + etag) || candidate.equals("*")) {
                return true;
            }
        }
        return false;
    }
}
