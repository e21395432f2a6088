package io.tandem.tracker.contract;

import io.tandem.kernel.command.Command;
import io.tandem.kernel.command.CommandContext;
import java.util.UUID;

/**
 * Add a task to a project; it starts in {@code todo}. The description may be null; the priority is
 * a wire form ({@code low}, {@code normal}, {@code high}) or null for normal.
 */
public record CreateTask(
        CommandContext context, UUID taskId, UUID projectId, String title, String description, String priority)
        implements Command {}
