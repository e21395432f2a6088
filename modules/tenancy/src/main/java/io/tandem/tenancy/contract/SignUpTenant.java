package io.tandem.tenancy.contract;

import io.tandem.kernel.command.Command;
import io.tandem.kernel.command.CommandContext;
import java.util.UUID;

/**
 * Open a tenant with its first member (the owner) and that owner's first API key. The context's
 * tenant id is the new tenant's id. Only the key's prefix and hash travel in the command, so the
 * secret never reaches the database or the event log.
 */
public record SignUpTenant(
        CommandContext context, String name, String adminEmail, UUID memberId, UUID apiKeyId, String keyPrefix, String keyHash)
        implements Command {}
