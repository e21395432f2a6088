package io.tandem.kernel.command;

import java.util.UUID;

/**
 * What a handled command produced: the aggregate it touched, that aggregate's new version (the
 * ETag a client sends back in If-Match) and the event log position of the last event appended
 * (the Tandem-Position a client can wait for on the read side).
 */
public record Receipt(UUID aggregateId, long version, long position) {}
