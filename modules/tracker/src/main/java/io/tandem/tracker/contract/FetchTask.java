package io.tandem.tracker.contract;

import java.util.UUID;

public record FetchTask(UUID tenantId, UUID taskId) {}
