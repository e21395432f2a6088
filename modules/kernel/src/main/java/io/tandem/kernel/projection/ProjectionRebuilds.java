package io.tandem.kernel.projection;

import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.rejection.RuleViolated;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.locks.Lock;
import java.util.logging.Logger;

/**
 * Rebuilds a projection's read model for a tenant (or, for the platform operator, for all), blue/green:
 * the scope's events are replayed in
 * batches into the twin tables under a twin checkpoint while live events keep being applied to the
 * live tables; then, for the moment it takes, live deliveries to that projection wait while the
 * swap applies what arrived meanwhile and replaces the tenant's live rows and checkpoints with the
 * twin's, in one transaction. Readers see the old rows until the swap commits and the new ones after.
 * Batches are replayed in {@link #LANES} lanes at once; for all tenants on PostgreSQL the
 * twins are loaded without their secondary indexes and the swap exchanges whole tables
 * ({@link ReadModelTwins#swap}).
 */
@ApplicationScoped
public class ProjectionRebuilds {
    private static final Logger LOG = Logger.getLogger(ProjectionRebuilds.class.getName());
    static final int BATCH = 5000;
    /** A progress line in the server log every so many batches (every 100,000 events). */
    static final int PROGRESS_EVERY_BATCHES = 20;
    /**
     * When the checkpoint statistics are first refreshed while the twin checkpoints grow (after
     * 25,000 events); then each time their number has doubled. Statistics within a factor of two
     * keep the planner on the primary key; an ANALYZE every 25,000 events cost about 300 ms each,
     * 40 of them at 1M events.
     */
    static final int STATISTICS_FIRST_AFTER_BATCHES = 5;
    /**
     * Batches are replayed in this many lanes at once, split by aggregate as the relay splits live
     * messages into partitions ({@link ReplayLanes}), so that PostgreSQL writes on both cores.
     */
    static final int LANES = 2;
    /** Batches queued or replaying at once (with one more being read): a bound on the memory they hold. */
    static final int BATCHES_IN_FLIGHT = 2;
    /** A share whose transaction fails (a deadlock between lanes, say) is replayed again this often. */
    static final int SHARE_ATTEMPTS = 3;

    @Resource(lookup = "java:jboss/ee/concurrency/executor/default")
    ManagedExecutorService executor;

    @Inject
    ProjectionApplier applier;

    @Inject
    ProjectionGate gate;

    @Inject
    ReadModelTwins twins;

    private final Map<String, Rebuild> rebuilds = new ConcurrentHashMap<>();

    /**
     * Starts a rebuild unless one of the same projection whose scope overlaps is running: the
     * twins are shared, and a platform-wide rebuild empties all of them, so it would take a
     * tenant's half-replayed rows away (and the tenant's swap would then swap in too few).
     */
    public synchronized Rebuild start(Projection projection, TenantScope scope, String actor) {
        boolean overlapping = rebuilds.values().stream().anyMatch(r -> r.running()
                && r.projector().equals(projection.name())
                && (r.scope().key().equals(scope.key()) || r.scope().tenant().isEmpty() || scope.tenant().isEmpty()));
        if (overlapping) {
            throw new RuleViolated("name", "a rebuild of " + projection.name()
                    + " is running already for these tenants (or for all of them)");
        }
        Rebuild rebuild = new Rebuild(projection.name(), scope);
        rebuilds.put(projection.name() + "/" + scope.key(), rebuild);
        for (String table : projection.tables()) {
            List<String> live = twins.columns(table);
            List<String> twin = twins.columns(ReadModelTables.REBUILD.of(table));
            if (!live.equals(twin)) {
                rebuild.failed(table + " and its rebuild twin have different columns: " + live + " vs " + twin);
                return rebuild;
            }
        }
        executor.submit(() -> run(projection, rebuild, actor));
        return rebuild;
    }

    public Optional<Rebuild> latest(String projector, TenantScope scope) {
        return Optional.ofNullable(rebuilds.get(projector + "/" + scope.key()));
    }

    private static <T> T await(Future<T> work) {
        try {
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the event log", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /**
     * One lane's share of a batch in its own transaction, again after a failure: its rollback undid
     * all of it, and the checkpoints let nothing apply twice. The lanes of a projection whose rows
     * several aggregates change can deadlock each other (project-list's counts do not: it writes
     * in project order); PostgreSQL then ends one of them.
     */
    private void replayShare(Projection projection, List<RecordedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                applier.replay(projection, events);
                return;
            } catch (RuntimeException e) {
                if (attempt >= SHARE_ATTEMPTS) {
                    throw e;
                }
                int failed = attempt;
                LOG.info(() -> "replaying " + events.size() + " events of " + projection.name() + " again (attempt "
                        + failed + " failed: " + ProjectionApplier.describe(e) + ")");
            }
        }
    }

    private void run(Projection projection, Rebuild rebuild, String actor) {
        TenantScope scope = rebuild.scope();
        try {
            applier.clearTwins(projection, scope, twins);
            rebuild.total(twins.countEvents(projection, scope));
            int batches = 0;
            int analyzeAt = STATISTICS_FIRST_AFTER_BATCHES;
            ReplayLanes lanes = new ReplayLanes(LANES, BATCHES_IN_FLIGHT, executor, share -> replayShare(projection, share));
            // Reading the next batch overlaps writing the ones before: each waits mostly on
            // PostgreSQL, which works on all at once, on a connection each.
            Future<List<RecordedEvent>> next = executor.submit(() -> twins.batchAfter(projection, scope, 0, BATCH));
            try {
                while (true) {
                    var batch = await(next);
                    if (batch.isEmpty()) {
                        break;
                    }
                    long cursor = batch.get(batch.size() - 1).position();
                    next = executor.submit(() -> twins.batchAfter(projection, scope, cursor, BATCH));
                    lanes.submit(batch);
                    rebuild.replayed(lanes.replayed());
                    if (++batches == analyzeAt) {
                        twins.refreshCheckpointStatistics();
                        analyzeAt *= 2;
                    }
                    if (batches % PROGRESS_EVERY_BATCHES == 0) {
                        LOG.info(() -> String.format("rebuilding %s for tenant(s) %s: %d of %d events replayed, %.0f events/s",
                                projection.name(), scope.key(), rebuild.done(), rebuild.total(), rebuild.eventsPerSecond()));
                    }
                }
                lanes.finish();
                rebuild.replayed(lanes.replayed());
            } catch (RuntimeException e) {
                // Not interrupted: the read is one bounded batch, and an interrupt that reaches
                // embedded H2 inside a file read closes the database for every session.
                next.cancel(false);
                lanes.abandon();
                throw e;
            }
            twins.indexLikeLive(projection, scope);
            rebuild.swapping();
            Lock exclusive = gate.of(projection.name()).writeLock();
            exclusive.lock();
            long caughtUp;
            try {
                caughtUp = applier.swap(projection, scope, twins, actor,
                        rebuild.startedAt().minus(ProjectionProgress.SETTLED));
            } finally {
                exclusive.unlock();
            }
            rebuild.finished(caughtUp);
            long cleanup = System.nanoTime();
            try {
                applier.dropTwinCheckpoints(projection, scope, twins);
                LOG.info(() -> String.format("rebuild of %s for tenant(s) %s: twin checkpoints removed in %d ms",
                        projection.name(), scope.key(), (System.nanoTime() - cleanup) / 1_000_000));
            } catch (RuntimeException e) {
                // The read model is rebuilt and live; the next rebuild clears what is left.
                LOG.warning(() -> "could not remove the twin checkpoints of " + projection.name() + ": "
                        + ProjectionApplier.describe(e));
            }
            LOG.info(() -> String.format("rebuilt %s for tenant(s) %s: %d events replayed, %d caught up at the swap"
                            + " (swap %d ms), %.0f events/s",
                    projection.name(), scope.key(), rebuild.done(), rebuild.caughtUpAtSwap(), rebuild.swapMillis(),
                    rebuild.eventsPerSecond()));
        } catch (RuntimeException e) {
            rebuild.failed(ProjectionApplier.describe(e));
            LOG.warning(() -> "rebuild of " + projection.name() + " for tenant(s) " + scope.key() + " failed: " + rebuild.error());
        }
    }
}
