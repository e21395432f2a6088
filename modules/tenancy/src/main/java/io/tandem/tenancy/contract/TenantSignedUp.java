package io.tandem.tenancy.contract;

import io.tandem.kernel.event.DomainEvent;
import java.util.UUID;

public record TenantSignedUp(UUID tenantId, String name) implements DomainEvent {}
