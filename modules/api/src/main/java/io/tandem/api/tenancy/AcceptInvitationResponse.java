package io.tandem.api.tenancy;

import java.util.UUID;

/** The new member and their first API key, shown in this response only. */
public record AcceptInvitationResponse(UUID tenantId, UUID memberId, UUID apiKeyId, String apiKey, long position) {}
