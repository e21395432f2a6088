package io.tandem.tenancy.readmodel;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code tenant_directory}: one tenant as its own members and the operator see it. It is
 * the one read model that spans tenants (the operator's directory), so it has no tenant
 * discriminator; a tenant's own query looks it up by the caller's tenant id only.
 */
@Entity
@Table(name = "tenant_directory")
public class TenantDirectoryRow {
    @Id
    @Column(name = "tenant_id")
    UUID tenantId;

    @Column(nullable = false)
    String name;

    @Column(nullable = false)
    String status;

    @Column(nullable = false)
    String plan;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "global_position", nullable = false)
    long position;
}
