package io.tandem.api.tenancy;

import java.time.Instant;
import java.util.UUID;

/** The only response that contains the key itself. */
public record ApiKeyResponse(UUID apiKeyId, String apiKey, String prefix, String name, String role, Instant expiresAt,
        long position) {}
