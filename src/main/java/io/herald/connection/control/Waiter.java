package io.herald.connection.control;

import io.herald.channel.entity.ChannelName;
import io.herald.connection.entity.Cursor;
import io.herald.connection.entity.PollAnswer;
import io.herald.delivery.control.Hub;
import io.herald.delivery.control.Subscriber;
import io.herald.delivery.control.Subscription;
import io.herald.delivery.entity.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One waiting long-poll: temporary hub subscriptions that only wake it. The answer is then read from
 * the history (as for any poll), so a publication is never taken from the wake-up itself and the
 * answer is the same whichever node gives it.
 */
public final class Waiter implements Subscriber {

    /** What goes live with no reply: {@link #send} drops it, and it covers no position, so every publication wakes. */
    private static final Frame NO_REPLY = new Frame("");

    private final Polls polls;
    private final Hub hub;
    private final Cursor cursor;
    private final String address;
    private final Consumer<PollAnswer> done;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final AtomicBoolean answered = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Its place among the waiting polls (arrival order) and since when it has it; set once, by WaitingPolls. */
    private long place;

    private long since;

    Waiter(Polls polls, Hub hub, Cursor cursor, String address, Consumer<PollAnswer> done) {
        this.polls = polls;
        this.hub = hub;
        this.cursor = cursor;
        this.address = address;
        this.done = done;
    }

    /** Subscribes, then looks once more: a publication that came before the subscription answers at once. */
    public void start() {
        synchronized (subscriptions) {
            for (Cursor.Entry entry : cursor.entries()) {
                Subscription subscription = hub.subscribe(entry.channel(), this);
                subscriptions.add(subscription);
                // live at once: this subscriber needs no reply and takes no frame, only the wake-up
                subscription.goLive(NO_REPLY);
            }
        }
        if (closed.get()) {
            close();
            return;
        }
        PollAnswer now = polls.answer(cursor);
        if (!now.isEmpty()) {
            answer(now);
        }
    }

    /** The wait is over: answers with whatever is new, possibly nothing. */
    public void expire() {
        if (!answered.get()) {
            answer(polls.answer(cursor));
        }
    }

    /** Called by the hub (under the channel's lock): answer on another thread. */
    @Override
    public void send(Frame frame, long published) {
        if (published != 0) {
            wake();
        }
    }

    /** A gap on this node: the history decides what the client gets (possibly recovered false). */
    @Override
    public void lost(ChannelName channel) {
        wake();
    }

    private void wake() {
        if (!answered.get()) {
            polls.answerLater(() -> {
                if (!answered.get()) {
                    answer(polls.answer(cursor));
                }
            });
        }
    }

    private void answer(PollAnswer answer) {
        if (answered.compareAndSet(false, true)) {
            close();
            done.accept(answer);
        }
    }

    void placed(long place, long since) {
        this.place = place;
        this.since = since;
    }

    long place() {
        return place;
    }

    long since() {
        return since;
    }

    String address() {
        return address;
    }

    /** Unsubscribes everything; safe to call more than once and from any thread. */
    public void close() {
        boolean first = closed.compareAndSet(false, true);
        synchronized (subscriptions) {
            for (Subscription subscription : subscriptions) {
                hub.unsubscribe(subscription);
            }
            subscriptions.clear();
        }
        if (first) {
            polls.released(this);
        }
    }
}
