package io.tandem.kernel.projection;

import io.tandem.kernel.event.RecordedEvent;

/** An event arrived before its predecessor; the projector's transaction rolls back and the broker redelivers it. */
public class EventOutOfOrder extends RuntimeException {
    public EventOutOfOrder(String projector, RecordedEvent e, long applied) {
        super(projector + " has applied version " + applied + " of " + e.aggregateType() + " " + e.aggregateId()
                + " and cannot apply version " + e.aggregateVersion() + " yet");
    }
}
