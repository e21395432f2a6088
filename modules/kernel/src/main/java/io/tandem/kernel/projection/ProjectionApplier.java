package io.tandem.kernel.projection;

import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.event.Upcasters;
import io.tandem.kernel.fault.Faults;
import io.tandem.kernel.tenant.CurrentTenant;
import io.tandem.kernel.tenant.TenantClosures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Applies events to a projection, each call in a transaction of its own that commits the
 * read-model rows with the checkpoint. Projections always see the current schema of an event
 * (through the upcasters), however old its stored form. Separate from the delivery's (JMS) transaction so that a
 * failed application can be rolled back and the event still be parked and consumed.
 */
@ApplicationScoped
public class ProjectionApplier {
    /** What became of an event: applied now, applied before (or a closed tenant's), held behind a parked one, or lost from the log. */
    public enum Applied { APPLIED, DUPLICATE, HELD, LOST }

    @Inject
    ProjectionCheckpoints checkpoints;

    @Inject
    ParkedEvents parked;

    @Inject
    Upcasters upcasters;

    @Inject
    TenantClosures closures;

    @Inject
    ReadModelVersions versions;

    @Inject
    EventLogFence fence;

    /** The live path: hold the event if its aggregate has a parked one, else claim and apply it. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Applied applyOrHold(Projection projection, RecordedEvent e, int deliveryCount) {
        Applied outcome = claimOrHold(projection, e, deliveryCount);
        if (outcome == Applied.APPLIED) {
            write(projection, List.of(e), deliveryCount);
        }
        return outcome;
    }

    /**
     * The live path for a message's events in one transaction: each held, dropped, skipped or
     * claimed as {@link #applyOrHold} would, then the claimed ones written at once
     * ({@link Projection#applyAll}). If any fails, none is committed; the caller then applies them
     * one by one to find the one that fails. A message may carry several tenants' events (the
     * relay packs a pass's events by aggregate type and partition, not by tenant, so that a busy
     * server's messages fill up): such a batch is platform work, as a rebuild's is, and each row
     * is written with its own event's tenant.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void applyAllOrHold(Projection projection, List<RecordedEvent> events, int deliveryCount) {
        CurrentTenant.run(tenantOf(events), () -> {
            List<RecordedEvent> claimed = new ArrayList<>(events.size());
            for (RecordedEvent e : events) {
                if (claimOrHold(projection, e, deliveryCount) == Applied.APPLIED) {
                    claimed.add(e);
                }
            }
            if (!claimed.isEmpty()) {
                write(projection, claimed, deliveryCount);
            }
        });
    }

    /** Everything but the projection's write: APPLIED means the checkpoint is claimed and the event is to be written. */
    private Applied claimOrHold(Projection projection, RecordedEvent e, int deliveryCount) {
        if (parked.blocks(projection.name(), e.aggregateId())) {
            if (!parked.contains(projection.name(), e.eventId()) && !checkpoints.applied(projection.name(), e)) {
                parked.park(projection.name(), e, ParkedEvent.HELD,
                        "held behind a parked event of the same aggregate", deliveryCount);
            }
            return Applied.HELD;
        }
        if (closures.drops(e)) {
            return Applied.DUPLICATE;
        }
        if (!fence.admits(projection.name(), e)) {
            return Applied.LOST;
        }
        followErasedVersions(projection, e, ReadModelTables.LIVE);
        Faults.trigger(e.faults(), Faults.POISON);
        versions.changing(projection.name(), e.tenantId());
        return checkpoints.claim(projection.name(), e) ? Applied.APPLIED : Applied.DUPLICATE;
    }

    private void write(Projection projection, List<RecordedEvent> claimed, int deliveryCount) {
        CurrentTenant.run(tenantOf(claimed),
                () -> projection.applyAll(claimed.stream().map(upcasters::upcast).toList(), ReadModelTables.LIVE));
        if (deliveryCount <= 1) {
            claimed.forEach(e -> Faults.trigger(e.faults(), Faults.PROJECTOR_AFTER_WRITE));
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void park(Projection projection, RecordedEvent e, Throwable failure, int attempts) {
        if (!parked.contains(projection.name(), e.eventId())) {
            parked.park(projection.name(), e, ParkedEvent.FAILED, describe(failure), attempts);
        }
    }

    /** A retry from the parking lot: claim and apply; false if the event was applied before or the log lost it. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean retry(Projection projection, RecordedEvent e) {
        if (!fence.admits(projection.name(), e)) {
            return false;
        }
        versions.changing(projection.name(), e.tenantId());
        followErasedVersions(projection, e, ReadModelTables.LIVE);
        if (!checkpoints.claim(projection.name(), e)) {
            return false;
        }
        CurrentTenant.run(e.tenantId(), () -> projection.apply(upcasters.upcast(e), ReadModelTables.LIVE));
        return true;
    }

    /** Moves the checkpoint past the event without applying it. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void skip(Projection projection, RecordedEvent e) {
        followErasedVersions(projection, e, ReadModelTables.LIVE);
        checkpoints.claim(projection.name(), e);
    }

    /**
     * A rebuild's batch: into the twin tables and the twin checkpoints, in one transaction.
     * Checkpoints are claimed for the whole batch at once and the projection writes its outcome at
     * once: a rebuild replays the log in order, so it needs no per-event round trips.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void replay(Projection projection, List<RecordedEvent> batch) {
        List<RecordedEvent> events = replayable(projection, batch);
        if (events.isEmpty()) {
            return;
        }
        CurrentTenant.run(tenantOf(events), () -> {
            var claimed = checkpoints.claimAll(projection.name(), events, ReadModelTables.REBUILD, true);
            projection.applyAll(claimed.stream().map(upcasters::upcast).toList(), ReadModelTables.REBUILD);
        });
    }

    /**
     * The events of a rebuild's batch to replay, as the live projectors see them: a closed
     * tenant's events before its closing are dropped (a batch read before the erasure must not
     * bring its rows back), and its closing event follows the versions the erasure took away.
     */
    private List<RecordedEvent> replayable(Projection projection, List<RecordedEvent> batch) {
        List<RecordedEvent> events = new java.util.ArrayList<>(batch.size());
        for (RecordedEvent e : batch) {
            if (closures.drops(e)) {
                continue;
            }
            followErasedVersions(projection, e, ReadModelTables.REBUILD);
            events.add(e);
        }
        return events;
    }

    /**
     * A closed tenant's closing event follows versions that will never be applied: the erasure
     * deleted the tenant's earlier events from the log (a replay starts the aggregate there) and
     * took those not yet published, and {@link TenantClosures#drops} discards those still in
     * flight. So they are taken as applied, in live delivery, a retry or skip from the parking lot
     * and a replay alike; else a tenant closed right after its sign-up had its closing event parked as
     * out of order for good.
     */
    private void followErasedVersions(Projection projection, RecordedEvent e, ReadModelTables tables) {
        if (closures.closes(e) && e.aggregateVersion() > 1) {
            checkpoints.assumeAppliedBefore(projection.name(), e, tables);
        }
    }

    /**
     * The tenant a batch works for. One transaction has one Hibernate session, whose tenant is fixed
     * when it opens, so a batch that spans tenants (a platform-wide rebuild) is platform work.
     */
    static UUID tenantOf(List<RecordedEvent> events) {
        var tenants = events.stream().map(RecordedEvent::tenantId).distinct().limit(2).toList();
        return tenants.size() == 1 ? tenants.get(0) : CurrentTenant.PLATFORM;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void clearTwins(Projection projection, TenantScope scope, ReadModelTwins twins) {
        twins.clearTwins(projection, scope);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void dropTwinCheckpoints(Projection projection, TenantScope scope, ReadModelTwins twins) {
        twins.dropTwinCheckpoints(projection, scope);
    }

    /**
     * The rebuild's last step, in one transaction while live deliveries to the projection wait:
     * apply what arrived since the replay's last batch (and any late commit it passed by: only
     * events that occurred after {@code inFlightSince} can be either), then
     * put the twin's rows and checkpoints in place of the live ones. Parked events in the scope
     * are resolved: the rebuild applied them. For all tenants, closed tenants' rows are erased from
     * the twins first: a replay racing a tenant's closing can have written them there
     * ({@link TenantClosures#eraseFromTwins}).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long swap(Projection projection, TenantScope scope, ReadModelTwins twins, String actor,
                     java.time.Instant inFlightSince) {
        versions.changing(projection.name(), scope.tenant().orElse(CurrentTenant.PLATFORM));
        var missing = replayable(projection, twins.unapplied(projection, scope, inFlightSince));
        CurrentTenant.run(scope.tenant().orElse(CurrentTenant.PLATFORM), () -> {
            for (RecordedEvent e : missing) {
                if (checkpoints.claim(projection.name(), e, ReadModelTables.REBUILD)) {
                    projection.apply(upcasters.upcast(e), ReadModelTables.REBUILD);
                }
            }
        });
        if (scope.tenant().isEmpty()) {
            closures.eraseFromTwins(projection);
        }
        twins.swap(projection, scope);
        for (ParkedEvent p : parked.of(projection.name(), scope, false)) {
            parked.resolve(projection.name(), p.event().eventId(), ParkedEvent.RETRIED, actor, "applied by a rebuild");
        }
        return missing.size();
    }

    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
