package io.tandem.kernel.event;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The JSON forms of events: payloads (bound with one shared Jsonb, which is expensive to build and
 * thread-safe to share) and the envelope a JMS message carries.
 */
public final class EventJson {
    private static final Jsonb JSONB = JsonbBuilder.create();
    /**
     * JSON-P's static {@code Json.create…} methods look the provider up (a ServiceLoader scan of the
     * class path) on every call: 22 % of a projector's CPU in a JFR profile. One lookup, kept.
     */
    public static final JsonProvider JSON = JsonProvider.provider();

    private EventJson() {}

    public static String toJson(DomainEvent event) {
        return JSONB.toJson(event);
    }

    public static <E> E fromJson(String json, Class<E> type) {
        return JSONB.fromJson(json, type);
    }

    public static String envelope(RecordedEvent e) {
        JsonArrayBuilder faults = JSON.createArrayBuilder();
        e.faults().forEach(faults::add);
        try (JsonReader payload = JSON.createReader(new StringReader(e.payload()))) {
            return JSON.createObjectBuilder()
                    .add("eventId", e.eventId().toString())
                    .add("position", e.position())
                    .add("tenantId", e.tenantId().toString())
                    .add("aggregateType", e.aggregateType())
                    .add("aggregateId", e.aggregateId().toString())
                    .add("aggregateVersion", e.aggregateVersion())
                    .add("eventType", e.eventType())
                    .add("schemaVersion", e.schemaVersion())
                    .add("occurredAt", e.occurredAt().toString())
                    .add("commandId", e.commandId().toString())
                    .add("correlationId", e.correlationId().toString())
                    .add("actor", e.actor())
                    .add("faults", faults)
                    .add("payload", payload.readObject())
                    .build()
                    .toString();
        }
    }

    public static RecordedEvent fromEnvelope(String json) {
        JsonObject o;
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            o = reader.readObject();
        }
        Set<String> faults = new HashSet<>();
        o.getJsonArray("faults").getValuesAs(jakarta.json.JsonString.class).forEach(s -> faults.add(s.getString()));
        return new RecordedEvent(
                UUID.fromString(o.getString("eventId")),
                o.getJsonNumber("position").longValue(),
                UUID.fromString(o.getString("tenantId")),
                o.getString("aggregateType"),
                UUID.fromString(o.getString("aggregateId")),
                o.getJsonNumber("aggregateVersion").longValue(),
                o.getString("eventType"),
                o.getInt("schemaVersion"),
                Instant.parse(o.getString("occurredAt")),
                UUID.fromString(o.getString("commandId")),
                UUID.fromString(o.getString("correlationId")),
                o.getString("actor"),
                faults,
                o.getJsonObject("payload").toString());
    }
}
