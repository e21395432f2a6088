package io.tandem.bench.baseline;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A task as plain CRUD stores it: the columns of the tracker's {@code tracker_task}, in a table of
 * the baseline's own ({@code crud_task}) so that the benchmark never writes into Tandem's tables.
 * It checks what Tandem's Task checks on creation (title, priority), not that the project exists:
 * B3's write is one insert, where Tandem first loads the project.
 */
@Entity
@Table(name = "crud_task")
public class CrudTask {
    static final int TITLE_MAX = 200;
    static final int DESCRIPTION_MAX = 10_000;
    private static final Set<String> PRIORITIES = Set.of("low", "normal", "high");

    @Id
    private UUID id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(name = "project_id", nullable = false, updatable = false)
    private UUID projectId;

    @Column(nullable = false)
    private String title;

    @Column
    private String description;

    /** Stored as the tracker stores it (the enum's name), so the two tables read alike. */
    @Column(nullable = false)
    private String status;

    @Column(nullable = false)
    private String priority;

    @Column(nullable = false)
    private long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected CrudTask() {}

    static CrudTask create(UUID tenantId, UUID projectId, CrudTaskRequest body, Instant now) {
        if (body == null) {
            throw new Invalid("a JSON body with a title is required");
        }
        if (body.title() == null || body.title().isBlank() || body.title().length() > TITLE_MAX) {
            throw new Invalid("title must be 1 to " + TITLE_MAX + " characters, not blank");
        }
        if (body.description() != null && body.description().length() > DESCRIPTION_MAX) {
            throw new Invalid("description must be at most " + DESCRIPTION_MAX + " characters");
        }
        String priority = body.priority() == null ? "normal" : body.priority();
        if (!PRIORITIES.contains(priority)) {
            throw new Invalid("priority must be one of low, normal, high");
        }
        CrudTask task = new CrudTask();
        task.id = UUID.randomUUID();
        task.tenantId = tenantId;
        task.projectId = projectId;
        task.title = body.title();
        task.description = body.description();
        task.status = "TODO";
        task.priority = priority;
        task.version = 1;
        task.createdAt = now;
        return task;
    }

    UUID id() { return id; }
    String status() { return status; }
    String priority() { return priority; }
    long version() { return version; }

    /** A body the create refuses (400); nothing is written. */
    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }
}
