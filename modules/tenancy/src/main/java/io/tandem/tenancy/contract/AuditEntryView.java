package io.tandem.tenancy.contract;

import java.time.Instant;
import java.util.UUID;

/** One line of a tenant's audit log: who did what to which subject, when, and whether it was accepted. */
public record AuditEntryView(long position, Instant occurredAt, String actor, UUID commandId, String action,
        String subjectType, UUID subjectId, String outcome, String detail) {}
