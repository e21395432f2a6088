package io.tandem.tenancy.contract;

import io.tandem.kernel.event.DomainEvent;
import java.util.UUID;

/** The owner closed the tenant: its data was exported and erased in the same transaction. */
public record TenantClosed(UUID tenantId) implements DomainEvent {}
