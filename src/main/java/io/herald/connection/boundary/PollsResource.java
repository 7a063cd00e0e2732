package io.herald.connection.boundary;

import io.herald.connection.control.Polls;
import io.herald.connection.control.Waiter;
import io.herald.connection.entity.Cursor;
import io.herald.connection.entity.PollAnswer;
import io.herald.platform.Threads;
import io.herald.security.boundary.Caller;
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
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;

/**
 * {@code GET /api/poll?cursor=...&wait=25}: long-poll, or poll with {@code wait=0}. An answer that is ready
 * at once (something new, or {@code wait=0}) is given as an already completed stage, which the JAX-RS runtime
 * writes on the request's thread without suspending it. Rejected: {@code @Suspended AsyncResponse} for every
 * poll, which made the container suspend and complete asynchronously even a poll answered at once (a fifth
 * of its CPU on Payara, docs/performance.md). A waiting poll holds no thread: it has temporary hub subscriptions that are
 * released however it ends, and its end is Herald's own timer (the stage has no container timeout).
 */
@ApplicationScoped
@Path("poll")
public class PollsResource {

    @Inject
    Polls polls;

    @Inject
    Caller caller;

    @Inject
    Threads threads;

    /**
     * Security: cursor, wait and ticket are untrusted; cursor and wait are parsed strictly and bounded, the
     * ticket (single use: a poll needs a new one each time) is only looked up. No token in a URL.
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> poll(
            @QueryParam("cursor") String raw,
            @QueryParam("wait") String wait,
            @HeaderParam("If-None-Match") String ifNoneMatch,
            @QueryParam("ticket") String ticket,
            @Context HttpServletRequest request) {
        Cursor cursor = polls.authorize(polls.cursor(raw), caller.identity(ticket));
        Duration duration = polls.wait(wait);
        polls.counted(duration);
        PollAnswer now = polls.answer(cursor);
        if (!now.isEmpty() || duration.isZero()) {
            return CompletableFuture.completedFuture(response(now, ifNoneMatch));
        }
        CompletableFuture<Response> answer = new CompletableFuture<>();
        Waiter waiter =
                polls.waiter(cursor, request.getRemoteAddr(), found -> answer.complete(response(found, ifNoneMatch)));
        // the end of the wait answers on a writer thread, so that a slow write never holds up the timer
        ScheduledFuture<?> end = threads.after(duration, () -> polls.answerLater(waiter::expire));
        answer.whenComplete((response, failure) -> end.cancel(false));
        waiter.start();
        return answer;
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
