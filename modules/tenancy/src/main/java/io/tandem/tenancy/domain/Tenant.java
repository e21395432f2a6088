package io.tandem.tenancy.domain;

import io.tandem.kernel.rejection.RuleViolated;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A tenant: the root of isolation. Its id is the tenant id every other row carries, so it has no
 * tenant discriminator of its own; handlers load it by the id of the command's context only.
 */
@Entity
@Table(name = "tenancy_tenant")
public class Tenant {
    public static final String TYPE = "Tenant";
    public static final String ACTIVE = "active";
    public static final String SUSPENDED = "suspended";
    public static final String CLOSED = "closed";
    public static final String DEFAULT_PLAN = "standard";

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String status;

    @Column(nullable = false)
    private String plan;

    @Column(nullable = false)
    private long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Tenant() {}

    public Tenant(UUID id, String name, Instant now) {
        this.id = id;
        this.name = name;
        this.status = ACTIVE;
        this.plan = DEFAULT_PLAN;
        this.version = 1;
        this.createdAt = now;
    }

    public long rename(String newName) {
        requireNotClosed();
        this.name = newName;
        return ++version;
    }

    public long suspend() {
        requireNotClosed();
        if (SUSPENDED.equals(status)) {
            throw new RuleViolated("tenantId", "the tenant is already suspended");
        }
        this.status = SUSPENDED;
        return ++version;
    }

    public long reactivate() {
        requireNotClosed();
        if (!SUSPENDED.equals(status)) {
            throw new RuleViolated("tenantId", "the tenant is not suspended");
        }
        this.status = ACTIVE;
        return ++version;
    }

    public long changePlan(String newPlan) {
        requireNotClosed();
        this.plan = newPlan;
        return ++version;
    }

    /** Closing is final; the caller erases the tenant's rows in the same transaction. */
    public long close(String confirmName) {
        requireNotClosed();
        if (!name.equals(confirmName)) {
            throw new RuleViolated("confirmName", "confirmName must repeat the tenant's name exactly");
        }
        this.status = CLOSED;
        this.name = "closed tenant";
        return ++version;
    }

    private void requireNotClosed() {
        if (CLOSED.equals(status)) {
            throw new RuleViolated("tenantId", "the tenant is closed");
        }
    }

    public UUID id() { return id; }
    public String name() { return name; }
    public String status() { return status; }
    public String plan() { return plan; }
    public long version() { return version; }
    public Instant createdAt() { return createdAt; }
    public boolean active() { return ACTIVE.equals(status); }
}
