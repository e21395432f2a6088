package io.tandem.tracker.contract;

import io.tandem.kernel.event.DomainEvent;
import java.util.UUID;

/** A task was added to a project. Statuses travel in their wire form ({@code todo}), as the API shows them. */
public record TaskCreated(UUID taskId, UUID projectId, String title, String description, String status)
        implements DomainEvent {}
