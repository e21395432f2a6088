package io.tandem.kernel.event;

/**
 * Fired (synchronously, inside the command's transaction) by the test-only fault point
 * {@code published-then-lost}: an event to publish now, whose transaction then rolls back.
 */
public record LostCommit(RecordedEvent event) {}
