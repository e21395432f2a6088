package io.tandem.tracker.contract;

import java.time.Instant;
import java.util.UUID;

public record ProjectView(UUID id, String key, String name, long taskCount, long doneCount, long version, Instant createdAt) {}
