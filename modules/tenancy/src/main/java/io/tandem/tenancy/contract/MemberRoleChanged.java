package io.tandem.tenancy.contract;

import io.tandem.kernel.event.DomainEvent;
import java.util.UUID;

/** A member's role changed; their API keys are capped by it from now on. */
public record MemberRoleChanged(UUID memberId, Role role) implements DomainEvent {}
