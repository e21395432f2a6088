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

/** A credential of a member. Only the SHA-256 of the whole key is kept; the prefix finds the row. */
@Entity
@Table(name = "tenancy_api_key")
public class ApiKey {
    public static final String TYPE = "ApiKey";

    @Id
    private UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(name = "member_id", nullable = false, updatable = false)
    private UUID memberId;

    @Column(nullable = false, updatable = false)
    private String prefix;

    @Column(name = "secret_hash", nullable = false, updatable = false)
    private String secretHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    @Column(nullable = false)
    private long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiKey() {}

    public ApiKey(UUID id, UUID tenantId, UUID memberId, String prefix, String secretHash, Role role, Instant now) {
        this.id = id;
        this.tenantId = tenantId;
        this.memberId = memberId;
        this.prefix = prefix;
        this.secretHash = secretHash;
        this.role = role;
        this.version = 1;
        this.createdAt = now;
    }

    public UUID id() { return id; }
    public UUID tenantId() { return tenantId; }
    public UUID memberId() { return memberId; }
    public String secretHash() { return secretHash; }
    public Role role() { return role; }
    public boolean revoked() { return revokedAt != null; }
}
