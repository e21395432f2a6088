package io.tandem.tenancy.contract;

import io.tandem.kernel.command.Command;
import io.tandem.kernel.command.CommandContext;

/** Platform operator: lift a suspension; the context's tenant is the target. */
public record ReactivateTenant(CommandContext context) implements Command {}
