package io.tandem.tenancy.contract;

import io.tandem.kernel.event.DomainEvent;
import java.util.UUID;

/** A member left the tenant; their API keys were revoked in the same transaction. */
public record MemberRemoved(UUID memberId) implements DomainEvent {}
