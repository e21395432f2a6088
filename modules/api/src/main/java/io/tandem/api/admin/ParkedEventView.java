package io.tandem.api.admin;

import java.time.Instant;
import java.util.UUID;

public record ParkedEventView(
        UUID eventId,
        UUID tenantId,
        long position,
        String type,
        String aggregateType,
        UUID aggregateId,
        long aggregateVersion,
        String reason,
        String error,
        int attempts,
        Instant parkedAt,
        String state,
        Instant resolvedAt,
        String resolvedBy,
        String resolutionNote) {}
