package io.tandem.tracker.contract;

import java.time.Instant;
import java.util.UUID;

public record TaskView(
        UUID id,
        UUID projectId,
        String title,
        String description,
        String status,
        String priority,
        long version,
        Instant createdAt,
        Instant updatedAt) {}
