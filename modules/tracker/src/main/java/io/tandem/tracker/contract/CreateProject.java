package io.tandem.tracker.contract;

import io.tandem.kernel.command.Command;
import io.tandem.kernel.command.CommandContext;
import java.util.UUID;

/** Start a project with a key unique in the tenant (e.g. {@code OPS}) and a name. */
public record CreateProject(CommandContext context, UUID projectId, String key, String name) implements Command {}
