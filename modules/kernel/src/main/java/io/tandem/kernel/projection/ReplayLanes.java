package io.tandem.kernel.projection;

import io.tandem.kernel.event.RecordedEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A rebuild's replay in lanes: each batch is split by aggregate ({@code aggregate id mod lanes}, as
 * the live partitions split messages) and each share is replayed on its lane after the lane's
 * share of the batch before, so an aggregate's events keep log order while the lanes run at once
 * and never wait for each other. At most {@code batchesInFlight} batches are queued or running.
 *
 * <p>A share that fails fails its lane: the lane's later shares do not run, and the failure is
 * thrown by the next {@link #submit} or by {@link #finish}.
 */
final class ReplayLanes {
    private final int lanes;
    private final int batchesInFlight;
    private final Executor executor;
    private final Consumer<List<RecordedEvent>> replayShare;
    private final List<CompletableFuture<Void>> tails = new ArrayList<>();
    private final Deque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
    private final AtomicLong replayed = new AtomicLong();
    private volatile boolean stopped;

    ReplayLanes(int lanes, int batchesInFlight, Executor executor, Consumer<List<RecordedEvent>> replayShare) {
        this.lanes = lanes;
        this.batchesInFlight = batchesInFlight;
        this.executor = executor;
        this.replayShare = replayShare;
        for (int i = 0; i < lanes; i++) {
            tails.add(CompletableFuture.completedFuture(null));
        }
    }

    /** Queues a batch (in log order, after every batch submitted before); waits while too many are in flight. */
    void submit(List<RecordedEvent> batch) {
        while (inFlight.size() >= batchesInFlight) {
            join(inFlight.removeFirst());
        }
        List<List<RecordedEvent>> shares = split(batch, lanes);
        CompletableFuture<?>[] parts = new CompletableFuture<?>[lanes];
        for (int lane = 0; lane < lanes; lane++) {
            List<RecordedEvent> share = shares.get(lane);
            CompletableFuture<Void> tail = share.isEmpty() ? tails.get(lane)
                    : tails.get(lane).thenRunAsync(() -> {
                        if (!stopped) {
                            replayShare.accept(share);
                        }
                    }, executor);
            tails.set(lane, tail);
            parts[lane] = tail;
        }
        int size = batch.size();
        inFlight.addLast(CompletableFuture.allOf(parts).thenRun(() -> replayed.addAndGet(size)));
    }

    /** Events of batches whose every share has committed. */
    long replayed() {
        return replayed.get();
    }

    /** Waits for every batch submitted; throws the first failure. */
    void finish() {
        while (!inFlight.isEmpty()) {
            join(inFlight.removeFirst());
        }
    }

    /**
     * After a failure: no queued share starts any more, and this returns once the shares already
     * running have ended. Only then may the rebuild be reported failed: a share still writing into
     * the twins would otherwise write into the next rebuild's, which starts by emptying them.
     */
    void abandon() {
        stopped = true;
        inFlight.clear();
        for (CompletableFuture<Void> tail : tails) {
            try {
                tail.join();
            } catch (CompletionException | java.util.concurrent.CancellationException e) {
                // That lane failed; the caller reports the first failure.
            }
        }
    }

    /** A batch's events by {@code aggregate id mod lanes}: one share per lane (maybe empty), each in log order. */
    static List<List<RecordedEvent>> split(List<RecordedEvent> batch, int lanes) {
        List<List<RecordedEvent>> shares = new ArrayList<>();
        for (int i = 0; i < lanes; i++) {
            shares.add(new ArrayList<>());
        }
        for (RecordedEvent e : batch) {
            shares.get(Math.floorMod(e.aggregateId().hashCode(), lanes)).add(e);
        }
        return shares;
    }

    private static void join(CompletableFuture<Void> batch) {
        try {
            batch.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
