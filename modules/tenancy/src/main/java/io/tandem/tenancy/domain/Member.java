package io.tandem.tenancy.domain;

import io.tandem.tenancy.contract.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "tenancy_member")
public class Member {
    public static final String TYPE = "Member";

    @Id
    private UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(nullable = false)
    private String email;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    @Column(nullable = false)
    private long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Member() {}

    public Member(UUID id, UUID tenantId, String email, Role role, Instant now) {
        this.id = id;
        this.tenantId = tenantId;
        this.email = email;
        this.role = role;
        this.version = 1;
        this.createdAt = now;
    }
}
