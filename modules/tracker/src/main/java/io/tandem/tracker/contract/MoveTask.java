package io.tandem.tracker.contract;

import io.tandem.kernel.command.Command;
import io.tandem.kernel.command.CommandContext;
import java.util.UUID;

/**
 * Move a task to another status, provided it is still at the version the client last saw. The
 * status is kept as the client sent it so that the domain, not the transport, rejects unknown ones.
 */
public record MoveTask(CommandContext context, UUID taskId, String status, long expectedVersion) implements Command {}
