package io.tandem.tenancy.contract;

import io.tandem.kernel.command.Command;
import io.tandem.kernel.command.CommandContext;
import java.time.Instant;
import java.util.UUID;

/** Invite someone by email with a role no higher than the inviter's. Only the token's hash travels. */
public record InviteMember(CommandContext context, UUID invitationId, String email, Role role, String tokenHash, Instant expiresAt, Role inviterRole) implements Command {}
