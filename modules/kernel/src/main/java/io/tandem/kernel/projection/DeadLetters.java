package io.tandem.kernel.projection;

import io.tandem.kernel.rejection.NotFound;
import io.tandem.kernel.rejection.RuleViolated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What an admin does with parked events, within their tenant (the platform operator: any tenant): retry them (after fixing
 * what made them fail) or skip one with a reason. An aggregate's parked events are always handled
 * in version order: retrying one retries its aggregate's chain from the first parked version and
 * stops at the first that fails again; only the first parked version of an aggregate can be skipped,
 * and skipping it releases the ones held behind it.
 */
@ApplicationScoped
public class DeadLetters {
    @Inject
    ProjectionCatalog catalog;

    @Inject
    ParkedEvents parked;

    @Inject
    ProjectionApplier applier;

    @Inject
    ProjectionGate gate;

    /** What happened to one parked event in a retry. */
    public record Outcome(UUID eventId, long aggregateVersion, String result, String error) {}

    public Projection projection(String name) {
        return catalog.named(name).orElseThrow(() -> new NotFound("name", "projection", name));
    }

    public List<Outcome> retry(String projector, TenantScope scope, UUID eventId, String actor) {
        Projection projection = projection(projector);
        ParkedEvent event = parkedEvent(projector, scope, eventId);
        return retryChain(projection, event.event().aggregateId(), actor);
    }

    public List<Outcome> retryAll(String projector, TenantScope scope, String actor) {
        Projection projection = projection(projector);
        Set<UUID> aggregates = new LinkedHashSet<>();
        parked.of(projector, scope, false).forEach(p -> aggregates.add(p.event().aggregateId()));
        List<Outcome> outcomes = new ArrayList<>();
        for (UUID aggregate : aggregates) {
            outcomes.addAll(retryChain(projection, aggregate, actor));
        }
        return outcomes;
    }

    public List<Outcome> skip(String projector, TenantScope scope, UUID eventId, String reason, String actor) {
        Projection projection = projection(projector);
        ParkedEvent event = parkedEvent(projector, scope, eventId);
        List<ParkedEvent> chain = parked.ofAggregate(projector, event.event().aggregateId());
        if (!chain.get(0).event().eventId().equals(eventId)) {
            throw new RuleViolated("eventId", "only the first parked event of an aggregate can be skipped; version "
                    + chain.get(0).event().aggregateVersion() + " comes before it");
        }
        applier.skip(projection, event.event());
        parked.resolve(projector, eventId, ParkedEvent.SKIPPED, actor, reason);
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(new Outcome(eventId, event.event().aggregateVersion(), ParkedEvent.SKIPPED, null));
        outcomes.addAll(retryChain(projection, event.event().aggregateId(), actor));
        return outcomes;
    }

    private ParkedEvent parkedEvent(String projector, TenantScope scope, UUID eventId) {
        ParkedEvent event = parked.find(projector, scope, eventId)
                .orElseThrow(() -> new NotFound("eventId", "parked event", eventId));
        if (!ParkedEvent.PARKED.equals(event.state())) {
            throw new RuleViolated("eventId", "event " + eventId + " was " + event.state() + " already");
        }
        return event;
    }

    /**
     * Retries an aggregate's parked events in version order until none is left or one fails again.
     * It re-reads the chain after each pass: a live event of the aggregate may have been held
     * behind the chain while it was being retried.
     */
    private List<Outcome> retryChain(Projection projection, UUID aggregateId, String actor) {
        var shared = gate.of(projection.name()).readLock();
        shared.lock();
        try {
            return retryChainWhileGated(projection, aggregateId, actor);
        } finally {
            shared.unlock();
        }
    }

    private List<Outcome> retryChainWhileGated(Projection projection, UUID aggregateId, String actor) {
        List<Outcome> outcomes = new ArrayList<>();
        List<ParkedEvent> chain = parked.ofAggregate(projection.name(), aggregateId);
        while (!chain.isEmpty()) {
            for (ParkedEvent p : chain) {
                try {
                    boolean applied = applier.retry(projection, p.event());
                    parked.resolve(projection.name(), p.event().eventId(), ParkedEvent.RETRIED, actor,
                            applied ? "applied" : "had been applied already, or the log lost it");
                    outcomes.add(new Outcome(p.event().eventId(), p.event().aggregateVersion(), ParkedEvent.RETRIED, null));
                } catch (RuntimeException failure) {
                    String error = ProjectionApplier.describe(failure);
                    parked.recordFailure(projection.name(), p.event().eventId(), error);
                    outcomes.add(new Outcome(p.event().eventId(), p.event().aggregateVersion(), "failed", error));
                    return outcomes;
                }
            }
            chain = parked.ofAggregate(projection.name(), aggregateId);
        }
        return outcomes;
    }
}
