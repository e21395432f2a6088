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
import org.hibernate.annotations.TenantId;

/** A person in a tenant. A removed member keeps the row (their keys and the log refer to it) but no role. */
@Entity
@Table(name = "tenancy_member")
public class Member {
    public static final String TYPE = "Member";

    @Id
    private UUID id;

    @TenantId
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

    @Column(name = "removed_at")
    private Instant removedAt;

    protected Member() {}

    public Member(UUID id, UUID tenantId, String email, Role role, Instant now) {
        this.id = id;
        this.tenantId = tenantId;
        this.email = email;
        this.role = role;
        this.version = 1;
        this.createdAt = now;
    }

    public long changeRole(Role newRole) {
        this.role = newRole;
        return ++version;
    }

    public long remove(Instant now) {
        this.removedAt = now;
        return ++version;
    }

    /** A removed member invited again comes back under the same id, with the invitation's role. */
    public long rejoin(Role newRole) {
        this.removedAt = null;
        this.role = newRole;
        return ++version;
    }

    public UUID id() { return id; }
    public UUID tenantId() { return tenantId; }
    public String email() { return email; }
    public Role role() { return role; }
    public long version() { return version; }
    public boolean active() { return removedAt == null; }
}
