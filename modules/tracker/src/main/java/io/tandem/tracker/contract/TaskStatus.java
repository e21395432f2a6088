package io.tandem.tracker.contract;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a task stands. The wire form is the lower-case name ({@code in_progress}). */
public enum TaskStatus {
    TODO,
    IN_PROGRESS,
    DONE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TaskStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(value)).findFirst();
    }
}
