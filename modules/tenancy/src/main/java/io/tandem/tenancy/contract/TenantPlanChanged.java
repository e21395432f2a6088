package io.tandem.tenancy.contract;

import io.tandem.kernel.event.DomainEvent;
import java.util.UUID;

/** The tenant moved to another plan (which sets its rate limits). */
public record TenantPlanChanged(UUID tenantId, String plan) implements DomainEvent {}
