package io.tandem.tracker.contract;

import java.util.UUID;

/** The tenant's projects, ordered by key, a page at a time. */
public record FetchProjects(UUID tenantId, int offset, int limit) {}
