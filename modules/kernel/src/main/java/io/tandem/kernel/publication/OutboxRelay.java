package io.tandem.kernel.publication;

import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.fault.Faults;
import io.tandem.kernel.projection.ProjectorBacklog;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moves committed events from the outbox to the event publisher, in log order, in batches.
 *
 * <p>Senders call {@link #wake()} after their transaction commits, so an event is usually published
 * within a millisecond; the relay also polls on its own, which picks up events committed by a
 * process that crashed before it could publish them. While the projectors are still applying its
 * last pass, the relay waits for them (at most {@link #PACING_MAX_MILLIS}), so that under load the
 * events travel in fuller messages instead of queueing one per message. If it crashes between
 * publishing and marking, the next pass publishes those events again: delivery is at-least-once
 * and projectors de-duplicate by aggregate version.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
    static final int BATCH = 500;
    static final long IDLE_POLL_MILLIS = 250;
    static final long FAILURE_BACKOFF_MILLIS = 1000;
    /**
     * How long the next pass waits at most for the projectors to finish the last one. Longer than
     * a full pass takes them under load (so a backlog travels in full messages), short enough that
     * a projector an operator has stopped delays the others' events by no more than this.
     */
    static final long PACING_MAX_MILLIS = 250;
    private static final long STOP_GRACE_MILLIS = 5000;

    @Inject
    OutboxStore outbox;

    @Inject
    EventPublisher publisher;

    @Inject
    ProjectorBacklog backlog;

    long pacingMaxMillis = PACING_MAX_MILLIS;

    @Resource(lookup = "java:jboss/ee/concurrency/factory/default")
    ManagedThreadFactory threads;

    private final BlockingQueue<Boolean> signal = new ArrayBlockingQueue<>(1);
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong lastPosition = new AtomicLong();
    private volatile boolean running;
    private volatile Thread worker;
    private volatile String lastError;

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        worker = threads.newThread(this::loop);
        worker.setName("tandem-outbox-relay");
        worker.start();
    }

    /**
     * Ends the relay after its pass: woken, not interrupted, because an interrupt that reaches
     * embedded H2 inside a file read closes the database for every session. Its waits are bounded
     * ({@link #IDLE_POLL_MILLIS}, {@link #PACING_MAX_MILLIS}); a pass stuck longer than five seconds
     * is interrupted after all.
     */
    public synchronized void stop() {
        running = false;
        Thread t = worker;
        if (t != null) {
            wake();
            try {
                t.join(STOP_GRACE_MILLIS);
                if (t.isAlive()) {
                    t.interrupt();
                    t.join(STOP_GRACE_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        worker = null;
    }

    /** Tells the relay that a transaction with new events has committed. Never blocks. */
    public void wake() {
        signal.offer(Boolean.TRUE);
    }

    public boolean running() { return running && worker != null && worker.isAlive(); }
    public long publishedCount() { return published.get(); }
    public long lastPublishedPosition() { return lastPosition.get(); }
    public String lastError() { return lastError; }

    private void loop() {
        while (running) {
            try {
                int sent = drainOnce();
                if (sent > 0) {
                    // The events committed while the projectors work on this pass go out together
                    // in the next, in fuller messages (see ProjectorBacklog).
                    backlog.awaitFinished(pacingMaxMillis);
                }
                if (sent < BATCH) {
                    signal.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                lastError = e.toString();
                LOG.log(Level.WARNING, "outbox relay pass failed; retrying in " + FAILURE_BACKOFF_MILLIS + " ms", e);
                try {
                    Thread.sleep(FAILURE_BACKOFF_MILLIS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** One pass: publish up to {@link #BATCH} outbox events, then mark them published. */
    int drainOnce() throws Exception {
        List<RecordedEvent> batch = outbox.next(BATCH);
        if (batch.isEmpty()) {
            return 0;
        }
        outbox.persistCommitted();
        publisher.publish(batch);
        batch.forEach(e -> Faults.crashOnce(e.faults(), Faults.CRASH_AFTER_PUBLISH, e.eventId().toString()));
        outbox.markPublished(batch);
        published.addAndGet(batch.size());
        lastPosition.accumulateAndGet(batch.get(batch.size() - 1).position(), Math::max);
        lastError = null;
        return batch.size();
    }
}
