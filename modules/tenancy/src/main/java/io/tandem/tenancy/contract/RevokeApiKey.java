package io.tandem.tenancy.contract;

import io.tandem.kernel.command.Command;
import io.tandem.kernel.command.CommandContext;
import java.util.UUID;

/** Revoke an API key of the caller's tenant. */
public record RevokeApiKey(CommandContext context, UUID apiKeyId) implements Command {}
