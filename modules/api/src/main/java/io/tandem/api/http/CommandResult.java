package io.tandem.api.http;

import io.tandem.kernel.command.Receipt;
import java.util.UUID;

/** The body of a successful write: the aggregate, its new version (also the ETag) and the event position. */
public record CommandResult(UUID id, long version, long position) {
    public static CommandResult of(Receipt r) {
        return new CommandResult(r.aggregateId(), r.version(), r.position());
    }
}
