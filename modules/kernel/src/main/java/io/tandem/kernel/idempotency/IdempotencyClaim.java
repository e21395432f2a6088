package io.tandem.kernel.idempotency;

import java.util.UUID;

/** A request's hold on an idempotency key: the tenant's key and the fingerprint of the request. */
public record IdempotencyClaim(UUID tenantId, String key, String fingerprint) {}
