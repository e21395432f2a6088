package io.tandem.tracker.contract;

import java.util.UUID;

public record FetchProject(UUID tenantId, UUID projectId) {}
