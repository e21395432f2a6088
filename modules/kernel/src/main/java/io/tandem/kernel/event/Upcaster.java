package io.tandem.kernel.event;

import jakarta.json.JsonObject;

/**
 * Turns the stored JSON of one event type from one schema version into the next. Events are
 * never rewritten in the log; consumers read them through the chain of upcasters, so a projector,
 * a rebuild or a late redelivery always sees the current shape.
 */
public interface Upcaster {
    String eventType();

    /** The version this upcaster reads; it produces {@code fromVersion() + 1}. */
    int fromVersion();

    JsonObject upcast(JsonObject payload);
}
