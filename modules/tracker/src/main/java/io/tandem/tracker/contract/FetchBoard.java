package io.tandem.tracker.contract;

import java.util.UUID;

/** A project's tasks grouped by status, with counts. */
public record FetchBoard(UUID tenantId, UUID projectId) {}
