package io.tandem.tracker.readmodel;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;
import java.time.Instant;
import java.util.UUID;

/** A row of the {@code project_list} read model: what the project list and project pages show. */
@Entity
@Table(name = "project_list")
public class ProjectListRow {
    @Id
    @Column(name = "project_id")
    UUID projectId;

    @TenantId
    @Column(name = "tenant_id", nullable = false)
    UUID tenantId;

    @Column(name = "project_key", nullable = false)
    String key;

    @Column(nullable = false)
    String name;

    @Column(name = "task_count", nullable = false)
    long taskCount;

    @Column(name = "done_count", nullable = false)
    long doneCount;

    @Column(nullable = false)
    long version;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "global_position", nullable = false)
    long position;
}
