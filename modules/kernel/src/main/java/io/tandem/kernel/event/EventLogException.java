package io.tandem.kernel.event;

/** The event log could not be written or read; the surrounding transaction must roll back. */
public class EventLogException extends RuntimeException {
    public EventLogException(String message, Throwable cause) {
        super(message, cause);
    }
}
