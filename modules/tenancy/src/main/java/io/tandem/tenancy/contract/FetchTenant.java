package io.tandem.tenancy.contract;

import java.util.UUID;

public record FetchTenant(UUID tenantId) {}
