package io.tandem.tenancy.contract;

import io.tandem.kernel.command.Command;
import io.tandem.kernel.command.CommandContext;

/** Platform operator: stop the tenant's credentials from working; the context's tenant is the target. */
public record SuspendTenant(CommandContext context, String reason) implements Command {}
