package io.tandem.tenancy.contract;

import io.tandem.kernel.event.DomainEvent;
import java.util.UUID;

/** An invitation was used to join; the member it made joined in the same transaction. */
public record InvitationAccepted(UUID invitationId, UUID memberId) implements DomainEvent {}
