package io.tandem.tenancy.contract;

import io.tandem.kernel.command.Command;
import io.tandem.kernel.command.CommandContext;
import java.time.Instant;
import java.util.UUID;

/** Issue an API key acting as a member, with a role no higher than the issuer's. Only the hash travels. */
public record IssueApiKey(CommandContext context, UUID apiKeyId, UUID memberId, String name, Role role, Instant expiresAt, String keyPrefix, String keyHash, Role issuerRole) implements Command {}
