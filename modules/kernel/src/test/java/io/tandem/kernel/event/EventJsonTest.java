package io.tandem.kernel.event;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventJsonTest {
    public record ThingRenamed(UUID thingId, String from, String to, int times, boolean urgent) implements DomainEvent {}

    private static final String NESTED_PAYLOAD = "{\"thingId\":\"6f1c0a5e-3b7d-4c2a-9f1e-2d3c4b5a6978\","
            + "\"title\":\"quote \\\" backslash \\\\ tab \\t é ✓\",\"count\":42,\"ratio\":0.25,\"flag\":true,"
            + "\"nothing\":null,\"tags\":[\"a\",\"b\"],\"nested\":{\"level\":2,\"items\":[{\"id\":1},{\"id\":2,\"deep\":"
            + "{\"ok\":false}}],\"empty\":{},\"none\":[]}}";

    @Test
    void roundTripsEveryFieldThroughTheEnvelope() {
        RecordedEvent event = new RecordedEvent(
                UUID.randomUUID(),
                123_456_789_012L,
                UUID.randomUUID(),
                "Task",
                UUID.randomUUID(),
                17,
                "TaskMoved",
                3,
                Instant.parse("2025-06-07T08:09:10.123456789Z"),
                UUID.randomUUID(),
                UUID.randomUUID(),
                "member:0b0e4a52-2b7e-4f7b-8d59-5f9c1d1c9a10",
                Set.of("after-append", "projector-after-write", "publish-twice"),
                NESTED_PAYLOAD);

        RecordedEvent back = EventJson.fromEnvelope(EventJson.envelope(event));

        assertThat(back).isEqualTo(event);
        assertThat(back.faults()).containsExactlyInAnyOrder("after-append", "projector-after-write", "publish-twice");
        assertThat(back.occurredAt()).isEqualTo(Instant.parse("2025-06-07T08:09:10.123456789Z"));
        assertThat(parse(back.payload())).isEqualTo(parse(NESTED_PAYLOAD));
    }

    @Test
    void roundTripsAnEventWithoutFaults() {
        RecordedEvent event = event(Set.of(), "{\"a\":1}");

        RecordedEvent back = EventJson.fromEnvelope(EventJson.envelope(event));

        assertThat(back).isEqualTo(event);
        assertThat(back.faults()).isEmpty();
    }

    @Test
    void roundTripsTheLargestPositionsAndVersions() {
        UUID id = UUID.randomUUID();
        RecordedEvent event = new RecordedEvent(id, Long.MAX_VALUE, id, "Task", id, Long.MAX_VALUE - 1, "TaskMoved",
                Integer.MAX_VALUE, Instant.EPOCH, id, id, "a", Set.of(), "{}");

        assertThat(EventJson.fromEnvelope(EventJson.envelope(event))).isEqualTo(event);
    }

    @Test
    void carriesThePayloadAsANestedObjectNotAString() {
        RecordedEvent event = event(Set.of("after-append"), NESTED_PAYLOAD);

        JsonObject envelope = parse(EventJson.envelope(event));

        assertThat(envelope.getJsonObject("payload")).isEqualTo(parse(NESTED_PAYLOAD));
        assertThat(envelope.getJsonObject("payload").getJsonObject("nested").getJsonArray("items")).hasSize(2);
        assertThat(envelope.getJsonArray("faults").getString(0)).isEqualTo("after-append");
        assertThat(envelope.getString("eventId")).isEqualTo(event.eventId().toString());
        assertThat(envelope.getJsonNumber("position").longValueExact()).isEqualTo(event.position());
        assertThat(envelope.getString("occurredAt")).isEqualTo(event.occurredAt().toString());
    }

    @Test
    void keepsThePayloadMeaningWhenItWasNotCompact() {
        String spaced = "{ \"a\" : [ 1, 2 ] ,\n  \"b\" : { \"c\" : \"d\" } }";
        RecordedEvent event = event(Set.of(), spaced);

        RecordedEvent back = EventJson.fromEnvelope(EventJson.envelope(event));

        assertThat(parse(back.payload())).isEqualTo(parse(spaced));
        assertThat(back.eventId()).isEqualTo(event.eventId());
    }

    @Test
    void bindsAPayloadBackToItsEventRecord() {
        UUID thingId = UUID.randomUUID();
        ThingRenamed renamed = new ThingRenamed(thingId, "old \"name\"", "new ✓", 3, true);
        RecordedEvent event = event(Set.of(), EventJson.toJson(renamed));

        RecordedEvent back = EventJson.fromEnvelope(EventJson.envelope(event));

        assertThat(back.payloadAs(ThingRenamed.class)).isEqualTo(renamed);
        assertThat(renamed.eventType()).isEqualTo("ThingRenamed");
    }

    private static RecordedEvent event(Set<String> faults, String payload) {
        return new RecordedEvent(UUID.randomUUID(), 5, UUID.randomUUID(), "Thing", UUID.randomUUID(), 2, "ThingRenamed",
                1, Instant.parse("2025-01-02T03:04:05Z"), UUID.randomUUID(), UUID.randomUUID(), "member:x", faults,
                payload);
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    @Test
    void aMessageBodyCarriesSeveralEventsInOrderOrOneAsBeforeBatching() {
        List<RecordedEvent> events = new java.util.ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            events.add(new RecordedEvent(UUID.randomUUID(), 100 + i, UUID.randomUUID(), "Task", UUID.randomUUID(), i,
                    "TaskMoved", 1, Instant.parse("2025-06-07T08:09:10Z"), UUID.randomUUID(), UUID.randomUUID(),
                    "member:x", Set.of(), NESTED_PAYLOAD));
        }
        assertThat(EventJson.fromEnvelopes(EventJson.envelopes(events))).isEqualTo(events);
        assertThat(EventJson.fromEnvelopes(EventJson.envelope(events.get(1)))).containsExactly(events.get(1));
    }
}
