package io.tandem.tenancy.contract;

import io.tandem.kernel.event.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/** An invitation was issued; only the hash of its token is kept. */
public record MemberInvited(UUID invitationId, String email, Role role, Instant expiresAt) implements DomainEvent {}
