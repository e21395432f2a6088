package io.tandem.api.events;

import io.tandem.kernel.event.EventJson;
import io.tandem.kernel.event.RecordedEvent;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.UUID;

/** One event of the tenant's stream as integrators see it (test-only metadata left out). */
public record EventView(
        long position,
        UUID eventId,
        String type,
        int schemaVersion,
        String aggregateType,
        UUID aggregateId,
        long aggregateVersion,
        Instant occurredAt,
        String actor,
        UUID correlationId,
        JsonObject payload) {

    public static EventView of(RecordedEvent e) {
        try (var reader = EventJson.JSON.createReader(new StringReader(e.payload()))) {
            return new EventView(e.position(), e.eventId(), e.eventType(), e.schemaVersion(), e.aggregateType(),
                    e.aggregateId(), e.aggregateVersion(), e.occurredAt(), e.actor(), e.correlationId(),
                    reader.readObject());
        }
    }
}
