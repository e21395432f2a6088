package io.tandem.tracker.readmodel;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;
import java.time.Instant;
import java.util.UUID;

/** A row of the {@code task_board} read model: one task as boards and task pages show it. */
@Entity
@Table(name = "task_board")
public class TaskBoardRow {
    @Id
    @Column(name = "task_id")
    UUID taskId;

    @TenantId
    @Column(name = "tenant_id", nullable = false)
    UUID tenantId;

    @Column(name = "project_id", nullable = false)
    UUID projectId;

    @Column(nullable = false)
    String title;

    @Column
    String description;

    @Column(nullable = false)
    String status;

    @Column(nullable = false)
    String priority;

    @Column(nullable = false)
    long version;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @Column(name = "global_position", nullable = false)
    long position;
}
