package io.tandem.kernel.projection;

import io.tandem.kernel.event.EventJson;
import io.tandem.kernel.event.RecordedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What every projector MDB does with a message: its events (one aggregate type, one partition of
 * the aggregates, in log order) are applied with their checkpoints in one transaction of their
 * own. If that fails, they are applied one by one, each in its own transaction, to find the event
 * that fails: the others are applied (their aggregate's later events in the message wait with
 * it), and the delivery ends in {@link RedeliveryRequested} for the broker to redeliver the
 * message after a growing delay; the events applied already are skipped then as duplicates.
 *
 * <p>The MDBs receive outside a container transaction (NOT_SUPPORTED): the message is acknowledged
 * after {@code onMessage} returns. An XA transaction around the delivery would cover only the
 * acknowledgement (the database work commits in its own transaction, so that a failed event can
 * be parked while the message is consumed) and cost three blocking round trips to the broker per
 * message (XA start, end, commit), for which each delivery waited. Without it the projector threads
 * used 0.83× the CPU per task at 200 tasks/s (medians of four runs each; every run without below
 * every run with it), and the lag's medians at 400
 * tasks/s fell to 0.54× (p50) and 0.61× (p99) (bench/README.md, "Deliveries outside XA"). Nothing is
 * lost without it: a crash before the acknowledgement redelivers the message, and the checkpoints
 * skip what was applied. On the {@code tandem.projection.max-attempts}-th delivery (default 5) a failing
 * event is parked instead and the message consumed. Later events of a parked event's aggregate are
 * held in the parking lot behind it, while other aggregates keep flowing. The end of each delivery
 * is counted off the {@link ProjectorBacklog} the outbox relay paces itself by.
 */
@ApplicationScoped
public class ProjectionDelivery {
    private static final Logger LOG = Logger.getLogger(ProjectionDelivery.class.getName());

    @Inject
    ProjectionApplier applier;

    @Inject
    ProjectionGate gate;

    @Inject
    ProjectorBacklog backlog;

    @Inject
    @ConfigProperty(name = "tandem.projection.max-attempts", defaultValue = "5")
    int maxAttempts;

    /**
     * An event that arrives before its predecessor waits longer than a failing one: its predecessor
     * may be failing too, and must be the one parked (the later event is then held behind it), not
     * the other way round. Below the broker's own limit of 20 deliveries.
     */
    @Inject
    @ConfigProperty(name = "tandem.projection.max-out-of-order-attempts", defaultValue = "15")
    int maxOutOfOrderAttempts;

    public void deliver(Projection projection, Message message) {
        List<RecordedEvent> events;
        int deliveryCount;
        try {
            events = EventJson.fromEnvelopes(message.getBody(String.class));
            deliveryCount = message.getIntProperty("JMSXDeliveryCount");
        } catch (JMSException e) {
            throw new JMSRuntimeException("unreadable event message", e.getErrorCode(), e);
        }
        var shared = gate.of(projection.name()).readLock();
        shared.lock();
        try {
            deliver(projection, events, deliveryCount);
        } finally {
            shared.unlock();
            // Every delivery, not only the first: a redelivery then counts a message off twice,
            // which errs towards not waiting; a first delivery missed would make the relay wait
            // its whole bound on every pass.
            backlog.finished();
        }
    }

    private void deliver(Projection projection, List<RecordedEvent> events, int deliveryCount) {
        if (events.size() > 1) {
            try {
                applier.applyAllOrHold(projection, events, deliveryCount);
                return;
            } catch (RuntimeException batchFailed) {
                LOG.log(Level.FINE, () -> projection.name() + " applies a message of " + events.size()
                        + " events one by one: " + ProjectionApplier.describe(batchFailed));
            }
        }
        Set<UUID> waiting = new HashSet<>();
        for (RecordedEvent event : events) {
            if (!waiting.contains(event.aggregateId()) && !applyOne(projection, event, deliveryCount)) {
                waiting.add(event.aggregateId());
            }
        }
        if (!waiting.isEmpty()) {
            throw new RedeliveryRequested(projection.name() + " redelivers a message of " + events.size()
                    + " events after delivery " + deliveryCount + ": " + waiting.size()
                    + " of its aggregates wait for an event to apply");
        }
    }

    /** Applies (or parks) one event; false if it failed and must be tried again on redelivery. */
    private boolean applyOne(Projection projection, RecordedEvent event, int deliveryCount) {
        try {
            applier.applyOrHold(projection, event, deliveryCount);
            return true;
        } catch (RuntimeException failure) {
            int limit = failure instanceof EventOutOfOrder ? maxOutOfOrderAttempts : maxAttempts;
            if (deliveryCount < limit) {
                Level level = failure instanceof EventOutOfOrder ? Level.FINE : Level.WARNING;
                LOG.log(level, () -> projection.name() + " will retry " + event.eventType() + " " + event.eventId()
                        + " (delivery " + deliveryCount + " of " + limit + "): " + ProjectionApplier.describe(failure));
                return false;
            }
            LOG.log(Level.WARNING, projection.name() + " parks " + event.eventType() + " " + event.eventId() + " of "
                    + event.aggregateType() + " " + event.aggregateId() + " after " + deliveryCount + " attempts: "
                    + ProjectionApplier.describe(failure));
            applier.park(projection, event, failure, deliveryCount);
            return true;
        }
    }
}
