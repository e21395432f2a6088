package io.tandem.tracker.contract;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How urgent a task is. The wire form is the lower-case name. */
public enum TaskPriority {
    LOW,
    NORMAL,
    HIGH;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TaskPriority> fromWire(String value) {
        return Arrays.stream(values()).filter(p -> p.wire().equals(value)).findFirst();
    }
}
