package io.tandem.tenancy.contract;

import java.time.Instant;
import java.util.UUID;

public record TenantView(UUID id, String name, String status, String plan, long memberCount, Instant createdAt) {}
