package io.herald.connection.control;

import io.herald.channel.control.ChannelPolicy;
import io.herald.channel.control.Namespaces;
import io.herald.connection.entity.Cursor;
import io.herald.connection.entity.HttpLimits;
import io.herald.connection.entity.Limits;
import io.herald.connection.entity.PollAnswer;
import io.herald.delivery.control.Broker;
import io.herald.delivery.control.DeliveryJson;
import io.herald.delivery.control.Hub;
import io.herald.delivery.entity.Frame;
import io.herald.delivery.entity.Publication;
import io.herald.delivery.entity.Recovery;
import io.herald.metrics.control.Meters;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.entity.Identity;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Long-poll and poll: what a cursor missed, answered from the history, and waiting for the next
 * publication without a thread. Nothing is kept between requests: the cursor is the whole state.
 */
public final class Polls {

    /** A JSON number without a sign: what docs/protocol.md promises for {@code wait}. */
    private static final Pattern SECONDS = Pattern.compile("[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private static final BigDecimal MILLISECOND = new BigDecimal("0.001");

    private final Namespaces namespaces;
    private final Broker broker;
    private final Hub hub;
    private final Limits limits;
    private final HttpLimits httpLimits;
    private final Meters meters;
    private final Executor answering;
    /** Set when the node drains: no poll waits any more ({@link #answerWaiting}). */
    private volatile boolean draining;

    private final WaitingPolls places;

    public Polls(
            Namespaces namespaces,
            Broker broker,
            Hub hub,
            Limits limits,
            HttpLimits httpLimits,
            Meters meters,
            Executor answering,
            Clock clock) {
        this.namespaces = namespaces;
        this.broker = broker;
        this.hub = hub;
        this.limits = limits;
        this.httpLimits = httpLimits;
        this.meters = meters;
        this.answering = answering;
        this.places = new WaitingPolls(httpLimits, clock);
        meters.gauge("herald.http.polls.waiting", "Long-polls waiting for a publication on this node", places::size);
    }

    /** Security: {@code raw} is untrusted (query parameter or Last-Event-ID header). */
    public Cursor cursor(String raw) {
        return Cursor.parse(raw, limits.maxChannels(), namespaces::channel);
    }

    /** Every channel of {@code cursor} must be readable by {@code identity}; otherwise nothing is answered. */
    public Cursor authorize(Cursor cursor, Identity identity) {
        ChannelPolicy policy = new ChannelPolicy(namespaces);
        for (Cursor.Entry entry : cursor.entries()) {
            policy.subscribe(entry.channel(), identity);
        }
        return cursor;
    }

    /**
     * The wait in seconds ({@code 0}, or less than a millisecond: poll), the configured default when absent,
     * at most the configured cap. Security: {@code seconds} is untrusted; its length is bounded before it is
     * read, and it is compared before it is rounded, so that no exponent makes the rounding expensive.
     */
    public Duration wait(String seconds) {
        if (seconds == null || seconds.isEmpty()) {
            return httpLimits.longPollWait();
        }
        BigDecimal value;
        try {
            value = seconds.length() <= 32 && SECONDS.matcher(seconds).matches() ? new BigDecimal(seconds) : null;
        } catch (NumberFormatException e) {
            value = null; // an exponent beyond what BigDecimal holds
        }
        if (value == null) {
            throw new Refusal(ErrorCode.INVALID_FIELD, "wait is a number of seconds, 0 or more");
        }
        Duration cap = httpLimits.maxLongPollWait();
        if (value.compareTo(BigDecimal.valueOf(cap.toMillis(), 3)) > 0) {
            return cap;
        }
        return value.compareTo(MILLISECOND) < 0
                ? Duration.ZERO
                : Duration.ofMillis(value.movePointRight(3).longValue());
    }

    public void counted(Duration wait) {
        meters.polled(wait.isZero() ? "poll" : "long-poll");
    }

    /**
     * What the client behind {@code cursor} needs now: a {@code subscribed} frame for each channel
     * without a position or whose position cannot be recovered, the missed publications of the others.
     */
    public PollAnswer answer(Cursor cursor) {
        List<Frame> frames = new ArrayList<>();
        Cursor after = cursor;
        for (Cursor.Entry entry : cursor.entries()) {
            Recovery recovery = broker.recover(entry.channel(), entry.position());
            if (!recovery.recovered()) {
                frames.add(DeliveryJson.subscribed(null, entry.channel(), recovery));
            } else {
                for (Publication publication : recovery.missed()) {
                    frames.add(DeliveryJson.publication(publication));
                }
            }
            if (!recovery.position().equals(entry.position())) {
                after = after.with(entry.channel(), recovery.position());
            }
        }
        return new PollAnswer(after, frames);
    }

    /**
     * Waits for a publication in any channel of {@code cursor}; call {@link Waiter#start} once the
     * request can take an answer, and {@link Waiter#close} when it ends, however it ends. When the node or
     * {@code address} has no place left, the oldest poll there that has waited long enough gives its place
     * up and is answered now, with what it has (possibly nothing), as at the end of its wait.
     *
     * @throws Refusal too_many_connections when {@code herald.http.max-waiting-polls-per-address} polls wait
     *     from {@code address}, unavailable when {@code herald.http.max-waiting-polls} wait on the node, and
     *     none of them has waited {@code herald.http.poll-eviction-after}
     */
    public Waiter waiter(Cursor cursor, String address, Consumer<PollAnswer> done) {
        Waiter waiter = new Waiter(this, hub, cursor, address, done);
        Waiter leaving = places.admit(waiter);
        if (leaving != null) {
            answerLater(leaving::expire);
        }
        // checked after taking a place: a drain that began meanwhile either sees this waiter or is seen here
        if (draining) {
            released(waiter);
            throw new Refusal(ErrorCode.UNAVAILABLE, "this node is shutting down; retry on another node");
        }
        return waiter;
    }

    void released(Waiter waiter) {
        places.release(waiter);
    }

    /** The node drains: every waiting poll is answered now with what it has, and no poll waits any more. */
    int answerWaiting() {
        draining = true;
        int answered = 0;
        for (Waiter waiter : places.waiting()) {
            waiter.expire();
            answered++;
        }
        return answered;
    }

    /** Runs {@code task} on a writer thread (answers that must not run on the caller's thread). */
    public void answerLater(Runnable task) {
        answering.execute(task);
    }
}
