package io.tandem.kernel.projection;

import io.tandem.kernel.event.EventJson;
import io.tandem.kernel.event.RecordedEvent;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What every projector MDB does with a message. The MDB's transaction covers only the message;
 * the event is applied (with its checkpoint) in a transaction of its own. If that fails, the
 * message is rolled back and the broker redelivers it after a growing delay; on the
 * {@code tandem.projection.max-attempts}-th delivery (default 5) the event is parked instead and
 * the message consumed. Later events of a parked event's aggregate are held in the parking lot
 * behind it, while other aggregates keep flowing.
 */
@ApplicationScoped
public class ProjectionDelivery {
    private static final Logger LOG = Logger.getLogger(ProjectionDelivery.class.getName());

    @Inject
    ProjectionApplier applier;

    @Inject
    ProjectionGate gate;

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

    @Resource(lookup = "java:jboss/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transaction;

    public void deliver(Projection projection, Message message) {
        RecordedEvent event;
        int deliveryCount;
        try {
            event = EventJson.fromEnvelope(message.getBody(String.class));
            deliveryCount = message.getIntProperty("JMSXDeliveryCount");
        } catch (JMSException e) {
            throw new JMSRuntimeException("unreadable event message", e.getErrorCode(), e);
        }
        var shared = gate.of(projection.name()).readLock();
        shared.lock();
        try {
            applier.applyOrHold(projection, event, deliveryCount);
        } catch (RuntimeException failure) {
            int limit = failure instanceof EventOutOfOrder ? maxOutOfOrderAttempts : maxAttempts;
            if (deliveryCount < limit) {
                // Roll the delivery back for the broker to redeliver after its delay. Marking the
                // transaction rather than throwing keeps an expected retry out of the error log
                // and keeps the MDB instance (a system exception would discard it).
                Level level = failure instanceof EventOutOfOrder ? Level.FINE : Level.WARNING;
                LOG.log(level, () -> projection.name() + " will retry " + event.eventType() + " " + event.eventId()
                        + " (delivery " + deliveryCount + " of " + limit + "): " + ProjectionApplier.describe(failure));
                transaction.setRollbackOnly();
                return;
            }
            LOG.log(Level.WARNING, projection.name() + " parks " + event.eventType() + " " + event.eventId() + " of "
                    + event.aggregateType() + " " + event.aggregateId() + " after " + deliveryCount + " attempts: "
                    + ProjectionApplier.describe(failure));
            applier.park(projection, event, failure, deliveryCount);
        } finally {
            shared.unlock();
        }
    }
}
