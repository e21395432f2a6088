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
 */
@ApplicationScoped
public class ProjectionRebuilds {
    private static final Logger LOG = Logger.getLogger(ProjectionRebuilds.class.getName());
    static final int BATCH = 5000;
    /** A progress line in the server log every so many batches (every 100,000 events). */
    static final int PROGRESS_EVERY_BATCHES = 20;
    /** How often the checkpoint statistics are refreshed while the twin checkpoints grow (every 25,000 events). */
    static final int STATISTICS_EVERY_BATCHES = 5;

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

    private static List<RecordedEvent> awaitBatch(Future<List<RecordedEvent>> batch) {
        try {
            return batch.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the event log", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private void run(Projection projection, Rebuild rebuild, String actor) {
        String twinCheckpoint = projection.name() + "#rebuild";
        TenantScope scope = rebuild.scope();
        try {
            applier.clearTwins(projection, twinCheckpoint, scope, twins);
            rebuild.total(twins.countEvents(projection, scope));
            int batches = 0;
            // Reading the next batch overlaps writing this one: each waits mostly on PostgreSQL,
            // which works on both at once, on a connection each.
            Future<List<RecordedEvent>> next = executor.submit(() -> twins.batchAfter(projection, scope, 0, BATCH));
            while (true) {
                var batch = awaitBatch(next);
                if (batch.isEmpty()) {
                    break;
                }
                long cursor = batch.get(batch.size() - 1).position();
                next = executor.submit(() -> twins.batchAfter(projection, scope, cursor, BATCH));
                try {
                    applier.replay(projection, twinCheckpoint, batch);
                } catch (RuntimeException e) {
                    next.cancel(true);
                    throw e;
                }
                rebuild.advance(batch.size());
                if (++batches % STATISTICS_EVERY_BATCHES == 0) {
                    twins.refreshCheckpointStatistics();
                }
                if (batches % PROGRESS_EVERY_BATCHES == 0) {
                    LOG.info(() -> String.format("rebuilding %s for tenant(s) %s: %d of %d events replayed, %.0f events/s",
                            projection.name(), scope.key(), rebuild.done(), rebuild.total(), rebuild.eventsPerSecond()));
                }
            }
            rebuild.swapping();
            Lock exclusive = gate.of(projection.name()).writeLock();
            exclusive.lock();
            long caughtUp;
            try {
                caughtUp = applier.swap(projection, twinCheckpoint, scope, twins, actor,
                        rebuild.startedAt().minus(ProjectionProgress.SETTLED));
            } finally {
                exclusive.unlock();
            }
            rebuild.finished(caughtUp);
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
