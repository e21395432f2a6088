package io.tandem.tenancy.readmodel;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A row of {@code tenant_audit_log}: one command's outcome, as the event log recorded it. */
@Entity
@Table(name = "tenant_audit_log")
public class AuditEntryRow {
    @Id
    @Column(name = "global_position")
    long position;

    @TenantId
    @Column(name = "tenant_id")
    UUID tenantId;

    @Column(name = "occurred_at", nullable = false)
    Instant occurredAt;

    @Column(nullable = false)
    String actor;

    @Column(name = "command_id", nullable = false)
    UUID commandId;

    @Column(nullable = false)
    String action;

    @Column(name = "subject_type", nullable = false)
    String subjectType;

    @Column(name = "subject_id", nullable = false)
    UUID subjectId;

    @Column(nullable = false)
    String outcome;

    @Column
    String detail;
}
