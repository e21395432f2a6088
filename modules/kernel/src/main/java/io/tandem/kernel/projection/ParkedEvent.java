package io.tandem.kernel.projection;

import io.tandem.kernel.event.RecordedEvent;
import java.time.Instant;

/**
 * An event a projector has set aside: {@code failed} after too many attempts, or {@code held}
 * because an earlier event of the same aggregate is parked.
 */
public record ParkedEvent(
        String projector,
        RecordedEvent event,
        String reason,
        String error,
        int attempts,
        Instant parkedAt,
        String state,
        Instant resolvedAt,
        String resolvedBy,
        String resolutionNote) {
    public static final String FAILED = "failed";
    public static final String HELD = "held";
    public static final String PARKED = "parked";
    public static final String RETRIED = "retried";
    public static final String SKIPPED = "skipped";
}
