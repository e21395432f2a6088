package io.tandem.tracker.contract;

import io.tandem.kernel.event.DomainEvent;
import java.util.UUID;

public record TaskMoved(UUID taskId, UUID projectId, TaskStatus from, TaskStatus to) implements DomainEvent {}
