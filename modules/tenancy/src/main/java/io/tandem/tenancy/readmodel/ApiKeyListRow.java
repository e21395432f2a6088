package io.tandem.tenancy.readmodel;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A row of {@code tenant_api_key_list}: a key's metadata, never its hash. */
@Entity
@Table(name = "tenant_api_key_list")
public class ApiKeyListRow {
    @Id
    @Column(name = "api_key_id")
    UUID apiKeyId;

    @TenantId
    @Column(name = "tenant_id")
    UUID tenantId;

    @Column(name = "member_id", nullable = false)
    UUID memberId;

    @Column(nullable = false)
    String prefix;

    @Column(nullable = false)
    String name;

    @Column(nullable = false)
    String role;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "expires_at")
    Instant expiresAt;

    @Column(name = "revoked_at")
    Instant revokedAt;

    @Column(nullable = false)
    long version;
}
