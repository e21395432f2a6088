package io.tandem.tenancy.contract;

import io.tandem.kernel.event.DomainEvent;
import java.util.UUID;

/** The platform operator lifted a suspension. */
public record TenantReactivated(UUID tenantId) implements DomainEvent {}
