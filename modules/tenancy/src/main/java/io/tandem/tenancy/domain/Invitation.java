package io.tandem.tenancy.domain;

import io.tandem.kernel.rejection.RuleViolated;
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

/** An invitation to join a tenant with a role. Its token is shown once; only the token's hash is kept. */
@Entity
@Table(name = "tenancy_invitation")
public class Invitation {
    public static final String TYPE = "Invitation";

    @Id
    private UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(nullable = false, updatable = false)
    private String email;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Role role;

    @Column(name = "token_hash", nullable = false, updatable = false)
    private String tokenHash;

    @Column(nullable = false)
    private long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    @Column(name = "accepted_at")
    private Instant acceptedAt;

    @Column(name = "member_id")
    private UUID memberId;

    protected Invitation() {}

    public Invitation(UUID id, UUID tenantId, String email, Role role, String tokenHash, Instant expiresAt, Instant now) {
        this.id = id;
        this.tenantId = tenantId;
        this.email = email;
        this.role = role;
        this.tokenHash = tokenHash;
        this.expiresAt = expiresAt;
        this.version = 1;
        this.createdAt = now;
    }

    public long accept(UUID member, Instant now) {
        if (acceptedAt != null) {
            throw new RuleViolated("token", "this invitation has been used");
        }
        if (!now.isBefore(expiresAt)) {
            throw new RuleViolated("token", "this invitation has expired");
        }
        this.acceptedAt = now;
        this.memberId = member;
        return ++version;
    }

    public UUID id() { return id; }
    public String email() { return email; }
    public Role role() { return role; }
}
