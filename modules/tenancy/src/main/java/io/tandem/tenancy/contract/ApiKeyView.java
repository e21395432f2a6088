package io.tandem.tenancy.contract;

import java.time.Instant;
import java.util.UUID;

/** An API key as its tenant's admins see it: the public prefix and metadata, never the secret or its hash. */
public record ApiKeyView(UUID apiKeyId, UUID memberId, String prefix, String name, String role, Instant createdAt,
        Instant expiresAt, Instant revokedAt) {}
