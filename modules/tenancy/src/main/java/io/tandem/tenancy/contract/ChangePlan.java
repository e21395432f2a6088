package io.tandem.tenancy.contract;

import io.tandem.kernel.command.Command;
import io.tandem.kernel.command.CommandContext;

/** Platform operator: move the tenant to another plan; the context's tenant is the target. */
public record ChangePlan(CommandContext context, String plan) implements Command {}
