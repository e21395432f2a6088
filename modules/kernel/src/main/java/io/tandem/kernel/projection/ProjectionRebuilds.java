package io.tandem.kernel.projection;

import io.tandem.kernel.rejection.RuleViolated;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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

    public Rebuild start(Projection projection, TenantScope scope, String actor) {
        String key = projection.name() + "/" + scope.key();
        Rebuild rebuild = new Rebuild(projection.name(), scope);
        Rebuild earlier = rebuilds.compute(key, (k, existing) -> existing != null && existing.running() ? existing : rebuild);
        if (earlier != rebuild) {
            throw new RuleViolated("name", "a rebuild of " + projection.name() + " is running already");
        }
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

    private void run(Projection projection, Rebuild rebuild, String actor) {
        String twinCheckpoint = projection.name() + "#rebuild";
        TenantScope scope = rebuild.scope();
        try {
            applier.clearTwins(projection, twinCheckpoint, scope, twins);
            rebuild.total(twins.countEvents(projection, scope));
            long cursor = 0;
            int batches = 0;
            while (true) {
                var batch = twins.batchAfter(projection, scope, cursor, BATCH);
                if (batch.isEmpty()) {
                    break;
                }
                applier.replay(projection, twinCheckpoint, batch);
                cursor = batch.get(batch.size() - 1).position();
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
