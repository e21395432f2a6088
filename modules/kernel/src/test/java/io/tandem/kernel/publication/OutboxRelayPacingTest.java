package io.tandem.kernel.publication;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.projection.ProjectorBacklog;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The relay's pacing, with the outbox and the broker replaced by lists: events committed while the
 * projectors still work on the last pass go out together in the next one.
 */
class OutboxRelayPacingTest {
    private final List<RecordedEvent> outbox = new CopyOnWriteArrayList<>();
    private final List<List<Long>> passes = new CopyOnWriteArrayList<>();
    private final ProjectorBacklog backlog = new ProjectorBacklog(type -> 1);
    private final OutboxRelay relay = new OutboxRelay();
    private long position;

    private final List<Thread> workers = new CopyOnWriteArrayList<>();
    private final AtomicInteger interrupts = new AtomicInteger();

    @AfterEach
    void stop() {
        // Ends a pacing wait as the projectors would, so that the relay stops without its grace period.
        backlog.finished();
        relay.stop();
    }

    /** An interrupt that reaches embedded H2 inside a file read closes the database: stop() wakes the relay instead. */
    @Test
    void stoppingEndsTheRelayWithoutInterruptingIt() throws InterruptedException {
        start(60_000);
        commit();
        awaitPasses(1);
        backlog.finished();

        relay.stop();

        assertThat(workers).hasSize(1);
        workers.get(0).join(10_000);
        assertThat(workers.get(0).isAlive()).as("the relay's thread after stop()").isFalse();
        assertThat(interrupts).as("interrupts of the relay's thread").hasValue(0);
        assertThat(relay.running()).isFalse();
    }

    @Test
    void eventsCommittedWhileTheProjectorsWorkTravelTogetherInTheNextPass() {
        start(60_000);
        commit();
        awaitPasses(1);
        // The projectors have not finished the first pass: the relay holds the next one back.
        commit();
        commit();
        commit();
        assertThat(passes).hasSize(1);
        backlog.finished();
        awaitPasses(2);
        assertThat(passes.get(1)).containsExactly(2L, 3L, 4L);
    }

    @Test
    void withTheProjectorsIdleEachCommitIsPublishedAtOnce() {
        start(60_000);
        for (int i = 1; i <= 3; i++) {
            commit();
            awaitPasses(i);
            backlog.finished();
        }
        assertThat(passes).containsExactly(List.of(1L), List.of(2L), List.of(3L));
    }

    @Test
    void aProjectorThatNeverFinishesDelaysTheNextPassOnlyBoundedly() {
        start(50);
        commit();
        awaitPasses(1);
        commit();
        // Nobody calls finished(): the relay goes on after its bounded wait.
        awaitPasses(2);
        assertThat(passes.get(1)).containsExactly(2L);
    }

    private void start(long pacingMaxMillis) {
        relay.outbox = new OutboxStore() {
            @Override
            public List<RecordedEvent> next(int limit) {
                return new ArrayList<>(outbox.subList(0, Math.min(limit, outbox.size())));
            }

            @Override
            public void markPublished(List<RecordedEvent> events) {
                outbox.removeAll(events);
            }

            @Override
            public void persistCommitted() {
                // in memory: nothing to store
            }
        };
        relay.publisher = events -> {
            // Counted before the pass becomes visible, as JmsEventPublisher counts before its commit.
            backlog.published("Thing", 1);
            passes.add(events.stream().map(RecordedEvent::position).toList());
        };
        relay.backlog = backlog;
        relay.pacingMaxMillis = pacingMaxMillis;
        relay.threads = new ManagedThreadFactory() {
            @Override
            public Thread newThread(Runnable r) {
                Thread worker = new Thread(r) {
                    @Override
                    public void interrupt() {
                        interrupts.incrementAndGet();
                        super.interrupt();
                    }
                };
                workers.add(worker);
                return worker;
            }

            @Override
            public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
                throw new UnsupportedOperationException();
            }
        };
        relay.start();
    }

    private void commit() {
        position++;
        outbox.add(new RecordedEvent(UUID.randomUUID(), position, UUID.randomUUID(), "Thing", UUID.randomUUID(), 1,
                "ThingHappened", 1, Instant.EPOCH, UUID.randomUUID(), UUID.randomUUID(), "member:x", Set.of(), "{}"));
        relay.wake();
    }

    /** Polls (bounded) until the relay has made this many passes. */
    private void awaitPasses(int n) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (passes.size() < n) {
            assertThat(System.nanoTime()).as("the relay's pass " + n).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
