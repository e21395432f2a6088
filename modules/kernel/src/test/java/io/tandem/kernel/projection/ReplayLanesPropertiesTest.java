package io.tandem.kernel.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.kernel.event.RecordedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * A rebuild replays its batches in lanes ({@link ReplayLanes}): every event once, all events of an
 * aggregate on one lane in log order, whatever the lanes' timing, as the live partitions keep them.
 */
class ReplayLanesPropertiesTest {
    private static final UUID TENANT = UUID.randomUUID();
    private static final ExecutorService POOL = Executors.newFixedThreadPool(4);

    @AfterContainer
    static void stopPool() {
        POOL.shutdownNow();
    }

    @Property(tries = 300)
    void aSplitKeepsEachAggregateInOneShareInLogOrder(
            @ForAll @Size(max = 200) List<@IntRange(min = 0, max = 30) Integer> aggregatesOfEvents,
            @ForAll @IntRange(min = 1, max = 4) int lanes) {
        List<RecordedEvent> batch = log(aggregatesOfEvents);

        List<List<RecordedEvent>> shares = ReplayLanes.split(batch, lanes);

        assertThat(shares).hasSize(lanes);
        assertThat(shares.stream().flatMap(List::stream).sorted(Comparator.comparingLong(RecordedEvent::position)).toList())
                .isEqualTo(batch);
        Map<UUID, Integer> laneOf = new HashMap<>();
        for (int lane = 0; lane < lanes; lane++) {
            List<RecordedEvent> share = shares.get(lane);
            assertThat(share).isSortedAccordingTo(Comparator.comparingLong(RecordedEvent::position));
            for (RecordedEvent e : share) {
                Integer before = laneOf.putIfAbsent(e.aggregateId(), lane);
                assertThat(before == null || before == lane).as("aggregate %s on two lanes", e.aggregateId()).isTrue();
            }
        }
    }

    /** Shares that take random time to replay: each aggregate's versions still arrive 1, 2, 3… */
    @Property(tries = 60)
    void lanesReplayEveryEventOnceAndEachAggregateInOrder(
            @ForAll @Size(min = 1, max = 300) List<@IntRange(min = 0, max = 20) Integer> aggregatesOfEvents,
            @ForAll @IntRange(min = 1, max = 40) int batchSize,
            @ForAll @IntRange(min = 1, max = 3) int lanes,
            @ForAll @IntRange(min = 1, max = 3) int batchesInFlight) {
        List<RecordedEvent> log = log(aggregatesOfEvents);
        Map<UUID, List<Long>> seen = new ConcurrentHashMap<>();
        ReplayLanes replay = new ReplayLanes(lanes, batchesInFlight, POOL, share -> {
            if (ThreadLocalRandom.current().nextInt(4) == 0) {
                Thread.onSpinWait();
                Thread.yield();
            }
            for (RecordedEvent e : share) {
                seen.computeIfAbsent(e.aggregateId(), id -> Collections.synchronizedList(new ArrayList<>()))
                        .add(e.aggregateVersion());
            }
        });
        for (int from = 0; from < log.size(); from += batchSize) {
            replay.submit(log.subList(from, Math.min(log.size(), from + batchSize)));
        }
        replay.finish();

        assertThat(replay.replayed()).isEqualTo(log.size());
        Map<UUID, Long> events = new HashMap<>();
        log.forEach(e -> events.merge(e.aggregateId(), 1L, Long::sum));
        assertThat(seen.keySet()).isEqualTo(events.keySet());
        seen.forEach((id, versions) -> assertThat(versions)
                .isEqualTo(IntStream.rangeClosed(1, events.get(id).intValue()).mapToObj(v -> (long) v).toList()));
    }

    /** A failed share stops its lane: nothing of that lane runs after it, and the failure is thrown. */
    @Example
    void aFailedShareStopsItsLaneAndIsThrown() {
        List<RecordedEvent> log = log(IntStream.range(0, 400).map(i -> i % 10).boxed().toList());
        UUID poisoned = log.get(150).aggregateId();
        AtomicInteger afterFailure = new AtomicInteger();
        boolean[] failed = new boolean[1];
        ReplayLanes replay = new ReplayLanes(2, 2, POOL, share -> {
            synchronized (failed) {
                boolean mine = share.stream().anyMatch(e -> e.aggregateId().equals(poisoned));
                if (failed[0] && mine) {
                    afterFailure.incrementAndGet();
                }
                if (mine && share.get(share.size() - 1).position() >= 151) {
                    failed[0] = true;
                    throw new IllegalStateException("poisoned share");
                }
            }
        });
        assertThatThrownBy(() -> {
            for (int from = 0; from < log.size(); from += 40) {
                replay.submit(log.subList(from, from + 40));
            }
            replay.finish();
        }).isInstanceOf(IllegalStateException.class).hasMessage("poisoned share");
        replay.abandon();
        assertThat(afterFailure).hasValue(0);
        assertThat(replay.replayed()).isLessThan(log.size());
    }

    /**
     * Abandoning waits for a share that is still writing and starts none of those queued behind it:
     * the next rebuild empties the twins first, and a late share would write into them.
     */
    @Example
    void abandoningWaitsForTheRunningShareAndStartsNoQueuedOne() throws Exception {
        UUID aggregate = UUID.randomUUID();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger shares = new AtomicInteger();
        ReplayLanes replay = new ReplayLanes(2, 2, POOL, share -> {
            shares.incrementAndGet();
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        replay.submit(List.of(event(aggregate, 1, 1)));
        replay.submit(List.of(event(aggregate, 2, 2)));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        CountDownLatch abandoned = new CountDownLatch(1);
        Thread abandoning = new Thread(() -> {
            replay.abandon();
            abandoned.countDown();
        });
        abandoning.start();
        assertThat(abandoned.await(300, TimeUnit.MILLISECONDS)).as("abandon returned while a share ran").isFalse();
        release.countDown();
        assertThat(abandoned.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(shares).hasValue(1);
    }

    private static List<RecordedEvent> log(List<Integer> aggregatesOfEvents) {
        List<UUID> aggregates = IntStream.rangeClosed(0, 30).mapToObj(i -> UUID.randomUUID()).toList();
        Map<UUID, Long> versions = new HashMap<>();
        List<RecordedEvent> log = new ArrayList<>();
        for (int i = 0; i < aggregatesOfEvents.size(); i++) {
            UUID id = aggregates.get(aggregatesOfEvents.get(i));
            log.add(event(id, versions.merge(id, 1L, Long::sum), i + 1));
        }
        return log;
    }

    @Example
    void aTwinIndexIsNamedAfterTheLiveOne() {
        assertThat(ReadModelTwins.twinIndexName("task_board", "task_board_pkey")).isEqualTo("task_board_rebuild_pkey");
        assertThat(ReadModelTwins.twinIndexName("task_board", "task_board_project_status"))
                .isEqualTo("task_board_rebuild_project_status");
        assertThat(ReadModelTwins.twinIndexName("task_board", "board_by_status")).isEqualTo("task_board_rebuild_board_by_status");
    }

    private static RecordedEvent event(UUID aggregateId, long version, long position) {
        UUID commandId = UUID.randomUUID();
        return new RecordedEvent(UUID.randomUUID(), position, TENANT, "Task", aggregateId, version,
                version == 1 ? "TaskCreated" : "TaskMoved", 1, Instant.parse("2025-01-02T03:04:05Z"), commandId,
                commandId, "member:test", Set.of(), "{}");
    }
}
