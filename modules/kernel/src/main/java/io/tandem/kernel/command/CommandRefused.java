package io.tandem.kernel.command;

import io.tandem.kernel.event.DomainEvent;

/**
 * A command that was refused: by the role matrix, or by the domain (a rejection). Recorded in the
 * event log on its own (the command's transaction rolled back), under the aggregate type
 * {@link #TYPE} with the command id as aggregate id, so the audit log shows refusals beside the
 * facts of accepted commands.
 */
public record CommandRefused(String command, String reason, String field, String detail) implements DomainEvent {
    public static final String TYPE = "Command";
}
