package io.tandem.tracker.domain;

import io.tandem.tracker.contract.ProjectCreated;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;
import java.time.Instant;
import java.util.UUID;

/** The project aggregate: a named, keyed container of tasks inside one tenant. */
@Entity
@Table(name = "tracker_project")
public class Project {
    public static final String TYPE = "Project";

    @Id
    private UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(name = "project_key", nullable = false, updatable = false)
    private String key;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Project() {}

    private Project(UUID id, UUID tenantId, String key, String name, Instant now) {
        this.id = id;
        this.tenantId = tenantId;
        this.key = key;
        this.name = name;
        this.version = 1;
        this.createdAt = now;
    }

    public static Created create(UUID id, UUID tenantId, String key, String name, Instant now) {
        Project project = new Project(id, tenantId, key, name, now);
        return new Created(project, new ProjectCreated(id, key, name));
    }

    public record Created(Project project, ProjectCreated event) {}

    public UUID id() { return id; }
    public UUID tenantId() { return tenantId; }
    public String key() { return key; }
    public String name() { return name; }
    public long version() { return version; }
}
