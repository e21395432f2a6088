package io.tandem.kernel.event;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * An event as the event log holds it and as JMS carries it: its identity and time, its aggregate
 * and version, its global position, causation and correlation, schema version and JSON payload.
 */
public record RecordedEvent(
        UUID eventId,
        long position,
        UUID tenantId,
        String aggregateType,
        UUID aggregateId,
        long aggregateVersion,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        UUID commandId,
        UUID correlationId,
        String actor,
        Set<String> faults,
        String payload) {

    public <E extends DomainEvent> E payloadAs(Class<E> type) {
        return EventJson.fromJson(payload, type);
    }
}
