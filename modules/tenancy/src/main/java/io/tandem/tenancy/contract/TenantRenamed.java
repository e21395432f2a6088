package io.tandem.tenancy.contract;

import io.tandem.kernel.event.DomainEvent;
import java.util.UUID;

/** The tenant's display name changed. */
public record TenantRenamed(UUID tenantId, String name) implements DomainEvent {}
