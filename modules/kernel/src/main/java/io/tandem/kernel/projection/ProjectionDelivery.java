package io.tandem.kernel.projection;

import io.tandem.kernel.event.EventJson;
import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.fault.Faults;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;

/**
 * What every projector MDB does with a message, inside the MDB's container transaction: decode the
 * event, claim it against the checkpoint, and apply it if it is new. The checkpoint and the
 * read-model rows commit together, so an event is applied exactly once in effect however often the
 * broker delivers it.
 */
@ApplicationScoped
public class ProjectionDelivery {
    @Inject
    ProjectionCheckpoints checkpoints;

    public void deliver(Projection projection, Message message) {
        RecordedEvent event;
        int deliveryCount;
        try {
            event = EventJson.fromEnvelope(message.getBody(String.class));
            deliveryCount = message.getIntProperty("JMSXDeliveryCount");
        } catch (JMSException e) {
            throw new JMSRuntimeException("unreadable event message", e.getErrorCode(), e);
        }
        Faults.trigger(event.faults(), Faults.POISON);
        if (checkpoints.claim(projection.name(), event)) {
            projection.apply(event);
            if (deliveryCount <= 1) {
                Faults.trigger(event.faults(), Faults.PROJECTOR_AFTER_WRITE);
            }
        }
    }
}
