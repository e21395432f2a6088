package io.tandem.tenancy.contract;

import io.tandem.kernel.event.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * The owner closed the tenant: its data was exported and erased in the same transaction. This
 * event is all that stays of the tenant in the log, so it carries what the operator's directory
 * keeps of a closed tenant (when it signed up, its last plan): a rebuild must produce the same row.
 */
public record TenantClosed(UUID tenantId, Instant signedUpAt, String plan) implements DomainEvent {}
