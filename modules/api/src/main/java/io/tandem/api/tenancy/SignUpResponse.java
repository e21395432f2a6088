package io.tandem.api.tenancy;

import java.util.UUID;

/** The only response that ever contains the API key itself; Tandem keeps just its hash. */
public record SignUpResponse(UUID tenantId, UUID memberId, UUID apiKeyId, String apiKey, long position) {}
