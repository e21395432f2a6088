package io.tandem.tracker.contract;

import io.tandem.kernel.event.DomainEvent;
import java.util.UUID;

public record TaskCreated(UUID taskId, UUID projectId, String title, String description, TaskStatus status)
        implements DomainEvent {}
