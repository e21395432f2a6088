package io.tandem.tenancy.readmodel;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A row of {@code tenant_member_list}: an active member. Read only; the projection writes it. */
@Entity
@Table(name = "tenant_member_list")
public class MemberListRow {
    @Id
    @Column(name = "member_id")
    UUID memberId;

    @TenantId
    @Column(name = "tenant_id")
    UUID tenantId;

    @Column(nullable = false)
    String email;

    @Column(nullable = false)
    String role;

    @Column(name = "joined_at", nullable = false)
    Instant joinedAt;

    @Column(nullable = false)
    long version;
}
