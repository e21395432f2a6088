package io.tandem.tenancy.contract;

import io.tandem.kernel.event.DomainEvent;
import java.util.UUID;

/** The platform operator suspended the tenant: its credentials stop working, its data stays. */
public record TenantSuspended(UUID tenantId, String reason) implements DomainEvent {}
