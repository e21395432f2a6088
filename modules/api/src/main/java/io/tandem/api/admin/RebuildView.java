package io.tandem.api.admin;

import io.tandem.kernel.projection.Rebuild;
import java.time.Instant;

/** A rebuild's progress: events replayed of the total, the rate, and how it ended. */
public record RebuildView(
        String projector,
        String state,
        long done,
        long total,
        long caughtUpAtSwap,
        long swapMillis,
        double eventsPerSecond,
        Instant startedAt,
        Instant finishedAt,
        String error) {
    static RebuildView of(Rebuild r) {
        return new RebuildView(r.projector(), r.state().name().toLowerCase(java.util.Locale.ROOT), r.done(), r.total(),
                r.caughtUpAtSwap(), r.swapMillis(), Math.round(r.eventsPerSecond() * 10) / 10.0, r.startedAt(), r.finishedAt(), r.error());
    }
}
