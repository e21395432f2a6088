package io.tandem.tenancy.contract;

import io.tandem.kernel.command.Command;
import io.tandem.kernel.command.CommandContext;

/** Give the caller's tenant a new display name. */
public record RenameTenant(CommandContext context, String name) implements Command {}
