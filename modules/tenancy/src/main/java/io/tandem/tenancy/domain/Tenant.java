package io.tandem.tenancy.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "tenancy_tenant")
public class Tenant {
    public static final String TYPE = "Tenant";
    public static final String ACTIVE = "active";

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String status;

    @Column(nullable = false)
    private long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Tenant() {}

    public Tenant(UUID id, String name, Instant now) {
        this.id = id;
        this.name = name;
        this.status = ACTIVE;
        this.version = 1;
        this.createdAt = now;
    }

    public UUID id() { return id; }
    public String status() { return status; }
}
