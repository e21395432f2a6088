package io.tandem.tenancy.contract;

import io.tandem.kernel.command.Command;
import io.tandem.kernel.command.CommandContext;
import jakarta.json.JsonObject;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Owner: export the tenant's data, then erase it, in one transaction. The name must be repeated, as
 * a guard against a slip. The handler leaves the export in {@code export} (a CDI observer cannot
 * return a value), taken inside the closing transaction so nothing committed before it is missed.
 */
public record CloseTenant(CommandContext context, String confirmName, AtomicReference<JsonObject> export)
        implements Command {}
