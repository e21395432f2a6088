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

/**
 * A credential of a member. Only a keyed hash of the whole key is kept ({@code hmac-sha256} with
 * the server's key; keys issued before that used plain {@code sha256}); the prefix finds the row.
 */
@Entity
@Table(name = "tenancy_api_key")
public class ApiKey {
    public static final String TYPE = "ApiKey";

    @Id
    private UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(name = "member_id", nullable = false, updatable = false)
    private UUID memberId;

    @Column(nullable = false, updatable = false)
    private String prefix;

    @Column(name = "secret_hash", nullable = false, updatable = false)
    private String secretHash;

    @Column(name = "hash_scheme", nullable = false, updatable = false)
    private String hashScheme;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    @Column(name = "follows_member", nullable = false, updatable = false)
    private boolean followsMember;

    @Column(nullable = false)
    private long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiKey() {}

    /** A member's first key: it acts with whatever role the member has at the time. */
    public static ApiKey firstOf(UUID id, UUID tenantId, UUID memberId, String name, String prefix, String secretHash,
            Role role, Instant now) {
        ApiKey key = new ApiKey(id, tenantId, memberId, name, prefix, secretHash, io.tandem.tenancy.credentials.ApiKeySecret.HMAC, role, null, now);
        key.followsMember = true;
        return key;
    }

    public ApiKey(UUID id, UUID tenantId, UUID memberId, String name, String prefix, String secretHash, String hashScheme,
            Role role, Instant expiresAt, Instant now) {
        this.id = id;
        this.tenantId = tenantId;
        this.memberId = memberId;
        this.name = name;
        this.prefix = prefix;
        this.secretHash = secretHash;
        this.hashScheme = hashScheme;
        this.role = role;
        this.expiresAt = expiresAt;
        this.version = 1;
        this.createdAt = now;
    }

    /** Revoking twice is harmless and reports no change (null). */
    public Long revoke(Instant now) {
        if (revokedAt != null) {
            return null;
        }
        this.revokedAt = now;
        return ++version;
    }

    public UUID id() { return id; }
    public UUID tenantId() { return tenantId; }
    public UUID memberId() { return memberId; }
    public String prefix() { return prefix; }
    public String secretHash() { return secretHash; }
    public String hashScheme() { return hashScheme; }
    public Role role() { return role; }

    /** The role the key acts with while its member has {@code memberRole}. */
    public Role effectiveRole(Role memberRole) {
        return followsMember ? memberRole : role.cappedBy(memberRole);
    }
    public Instant expiresAt() { return expiresAt; }
    public boolean revoked() { return revokedAt != null; }
    public long version() { return version; }

    public boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}
