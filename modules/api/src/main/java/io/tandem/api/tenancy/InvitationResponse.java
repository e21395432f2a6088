package io.tandem.api.tenancy;

import java.time.Instant;
import java.util.UUID;

/** The only response that contains the invitation token; pass it to the invitee. Tandem keeps its hash only. */
public record InvitationResponse(UUID invitationId, String token, Instant expiresAt, long position) {}
