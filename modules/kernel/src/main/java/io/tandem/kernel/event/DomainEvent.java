package io.tandem.kernel.event;

/**
 * A fact a context records. Implementations are records in the context's contract package; the
 * event log stores them as JSON under {@link #eventType()} with their {@link #schemaVersion()}.
 */
public interface DomainEvent {
    default String eventType() { return getClass().getSimpleName(); }

    default int schemaVersion() { return 1; }
}
