package io.tandem.tracker.contract;

import io.tandem.kernel.event.DomainEvent;
import java.util.UUID;

public record ProjectCreated(UUID projectId, String key, String name) implements DomainEvent {}
