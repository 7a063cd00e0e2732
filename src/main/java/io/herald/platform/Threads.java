package io.herald.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Herald's own threads: the writers that drain connection outboxes and one scheduler for heartbeats
 * and housekeeping. Threads come from the container's default {@link ManagedThreadFactory}, so they
 * carry the application's context once, at creation. Rejected: a managed executor service, whose
 * per-task context capture costs more than a whole WebSocket write on Payara (see docs/performance.md).
 */
@ApplicationScoped
public class Threads {

    private static final System.Logger LOG = System.getLogger(Threads.class.getName());

    /** Writers drain outboxes; one per core keeps every core busy without contention (0: one per core). */
    @Inject
    @ConfigProperty(name = "herald.connection.writer-threads", defaultValue = "0")
    int writerThreads;

    /**
     * Publications queued for clients on this node, in bytes, beyond which publishing is refused (503
     * overloaded): bounds the heap a backlog can take when clients read slower than the node writes.
     */
    @Inject
    @ConfigProperty(name = "herald.publish.max-backlog-bytes", defaultValue = "67108864")
    long maxBacklogBytes;

    /**
     * How long work may wait for a writer thread before publishing is refused (503 overloaded): bounds the
     * latency a saturated node adds, well above the tens of milliseconds one publication's fan-out to a few
     * thousand clients takes.
     */
    @Inject
    @ConfigProperty(name = "herald.publish.max-backlog-delay", defaultValue = "PT0.25S")
    java.time.Duration maxBacklogDelay;

    private ExecutorService writers;
    private Backlog backlog;
    private ScheduledThreadPoolExecutor scheduler;

    @PostConstruct
    void start() {
        ThreadFactory factory = containerFactory();
        int count = writerThreads > 0 ? writerThreads : Runtime.getRuntime().availableProcessors();
        writers = Executors.newFixedThreadPool(count, named(factory, "herald-writer"));
        backlog = new Backlog(writers, maxBacklogBytes, maxBacklogDelay);
        scheduler = new ScheduledThreadPoolExecutor(1, named(factory, "herald-scheduler"));
        // a long-poll answered early cancels its end: without this, every cancelled end would wait in the queue
        scheduler.setRemoveOnCancelPolicy(true);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
        writers.shutdown();
        try {
            writers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writers.shutdownNow();
    }

    public ExecutorService writers() {
        return writers;
    }

    /** The writers, as the node's backlog sees them: outboxes drain through it. */
    public Backlog backlog() {
        return backlog;
    }

    /** The container's thread factory, for components that run threads of their own (Redis). */
    public ThreadFactory factory() {
        return containerFactory();
    }

    /** Runs {@code task} every {@code period} on the scheduler; a failing run is logged and the next one still runs. */
    public void every(java.time.Duration period, Runnable task) {
        long millis = period.toMillis();
        scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "scheduled task failed", e);
                    }
                },
                millis,
                millis,
                TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} once after {@code delay} on the scheduler; keep the task short (hand longer work on). */
    public ScheduledFuture<?> after(java.time.Duration delay, Runnable task) {
        return scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static ThreadFactory containerFactory() {
        try {
            return (ManagedThreadFactory) new InitialContext().lookup("java:comp/DefaultManagedThreadFactory");
        } catch (NamingException | ClassCastException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "No default ManagedThreadFactory, using plain threads: {0}",
                    e.toString());
            return Executors.defaultThreadFactory();
        }
    }

    private static ThreadFactory named(ThreadFactory factory, String prefix) {
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        return task -> {
            Thread thread = factory.newThread(task);
            thread.setName(prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
