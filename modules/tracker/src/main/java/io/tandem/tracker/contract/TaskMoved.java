package io.tandem.tracker.contract;

import io.tandem.kernel.event.DomainEvent;
import java.util.UUID;

/** A task changed status; {@code from} and {@code to} are wire forms ({@code in_progress}). */
public record TaskMoved(UUID taskId, UUID projectId, String from, String to) implements DomainEvent {}
