package io.tandem.tenancy.contract;

import io.tandem.kernel.command.Command;
import io.tandem.kernel.command.CommandContext;
import java.time.Instant;
import java.util.UUID;

/** Join a tenant with an invitation token; the context's tenant is the one the token names. Makes the member and their first API key. */
public record AcceptInvitation(CommandContext context, String tokenHash, UUID memberId, UUID apiKeyId, String keyPrefix, String keyHash) implements Command {}
