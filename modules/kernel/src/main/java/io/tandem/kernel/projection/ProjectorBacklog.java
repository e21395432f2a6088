package io.tandem.kernel.projection;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToIntFunction;

/**
 * The deliveries of published event messages that the projectors have not finished yet, counted
 * in this server's memory: what the outbox relay paces itself by.
 *
 * <p>A projector's cost is mostly per message (a delivery, two transactions, a commit), not per
 * event. Were each commit published at once, a busy server would send one-event messages, and the
 * projectors would fall behind at a rate they could easily carry in fuller ones. So the relay holds
 * its next pass until the projectors have finished the last one (or for a bounded time): the
 * events committed meanwhile then travel together. When the projectors keep up the relay never
 * waits; when they are busy, the messages grow with their backlog.
 *
 * <p>Only a hint, never a guarantee: counts start at zero with the server (messages left in the
 * broker by an earlier run are not counted), a redelivery counts a message off again, and the
 * count never goes below zero: it errs towards too low, which only means less waiting. A count
 * that stayed too high would make every pass wait the whole bound, so a wait in which no delivery
 * at all finished forgets the count.
 */
@ApplicationScoped
public class ProjectorBacklog {
    @Inject
    ProjectionCatalog catalog;

    private final AtomicLong unfinished = new AtomicLong();
    private final AtomicLong finishedEver = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition allFinished = lock.newCondition();
    private final Map<String, Integer> followers = new ConcurrentHashMap<>();
    private ToIntFunction<String> followersOf;
    private volatile boolean waiting;

    public ProjectorBacklog() {}

    /** Outside CDI (tests), with how many projectors follow each aggregate type. */
    public ProjectorBacklog(ToIntFunction<String> followersOf) {
        this.followersOf = followersOf;
    }

    @PostConstruct
    void countFollowers() {
        followersOf = type -> (int) catalog.all().stream().filter(p -> p.aggregateTypes().contains(type)).count();
    }

    /**
     * Messages of an aggregate type are being committed to the broker: each is a delivery to every
     * projector that follows the type. Negative if their commit failed.
     */
    public void published(String aggregateType, int messages) {
        int projectors = followers.computeIfAbsent(aggregateType, followersOf::applyAsInt);
        long deliveries = (long) messages * projectors;
        unfinished.updateAndGet(n -> Math.max(0, n + deliveries));
    }

    /** A projector finished a delivery of a message, whether it applied, parked or must retry it. */
    public void finished() {
        finishedEver.incrementAndGet();
        long left = unfinished.updateAndGet(n -> n > 0 ? n - 1 : 0);
        if (left == 0 && waiting) {
            lock.lock();
            try {
                allFinished.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Waits until every counted delivery is finished, or {@code maxMillis} passed. If none finished
     * in all that time, the count is forgotten (see above).
     *
     * @return whether none was left
     */
    public boolean awaitFinished(long maxMillis) throws InterruptedException {
        if (unfinished.get() == 0) {
            return true;
        }
        long progress = finishedEver.get();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        lock.lock();
        try {
            waiting = true;
            while (unfinished.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    if (finishedEver.get() == progress) {
                        unfinished.set(0);
                    }
                    return false;
                }
                allFinished.awaitNanos(left);
            }
            return true;
        } finally {
            waiting = false;
            lock.unlock();
        }
    }

    public long unfinished() {
        return unfinished.get();
    }

    boolean someoneWaits() {
        return waiting;
    }
}
