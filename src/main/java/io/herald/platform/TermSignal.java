package io.herald.platform;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM, the way operators and orchestrators stop a node. Herald takes the signal before the server does:
 * it fires {@link NodeStopping}, waits for its observers (the drain), and only then hands the signal to the
 * JVM's own handler, which stops the server as before. A second SIGTERM while the first is handled stops at
 * once. Installed when the application starts, given back when it stops (so an undeployed WAR is never
 * called). Where the JVM does not let Herald have the signal ({@code -Xrs}, a handler that ignores it), the
 * server stops as before and the connections are closed at once when the application stops.
 */
@ApplicationScoped
public class TermSignal {

    private static final System.Logger LOG = System.getLogger(TermSignal.class.getName());

    @Inject
    Event<NodeStopping> stopping;

    @Inject
    Threads threads;

    private final AtomicBoolean heard = new AtomicBoolean();
    private Signal term;
    private SignalHandler previous;
    /** Taken while the application starts: the signal's own thread has no naming context to look it up. */
    private ThreadFactory factory;

    void install(@Observes @Initialized(ApplicationScoped.class) Object started) {
        factory = threads.factory();
        try {
            term = new Signal("TERM");
            previous = Signal.handle(term, this::heard);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "SIGTERM is not Herald''s to handle ({0}): connections close at once "
                            + "when the server stops, without a drain",
                    e.toString());
            term = null;
            return;
        }
        if (previous == SignalHandler.SIG_DFL || previous == SignalHandler.SIG_IGN) {
            // nothing to hand the signal on to: leave it as the JVM was told to have it
            Signal.handle(term, previous);
            LOG.log(
                    System.Logger.Level.WARNING,
                    "SIGTERM is not Herald''s to handle (the JVM''s handler is {0}): "
                            + "connections close at once when the server stops, without a drain",
                    previous);
            term = null;
        }
    }

    /** Whatever happens in the drain, the signal goes on to the JVM: a node asked to stop always stops. */
    private void heard(Signal signal) {
        try {
            if (heard.compareAndSet(false, true)) {
                drain();
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the drain did not run: {0}", e.toString());
        } finally {
            previous.handle(signal);
        }
    }

    private void drain() {
        // the signal's own thread has no application context: the observers run on one of the container's
        Thread drain = factory.newThread(() -> stopping.fire(new NodeStopping()));
        drain.setName("herald-drain");
        drain.start();
        try {
            drain.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void restore() {
        if (term == null) {
            return;
        }
        try {
            Signal.handle(term, previous);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // the JVM is exiting: no later signal can reach this application
        }
    }
}
