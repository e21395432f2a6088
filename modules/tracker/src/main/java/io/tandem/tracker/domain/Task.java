package io.tandem.tracker.domain;

import io.tandem.kernel.rejection.InvalidInput;
import io.tandem.kernel.rejection.RuleViolated;
import io.tandem.kernel.rejection.StaleVersion;
import io.tandem.tracker.contract.TaskCreated;
import io.tandem.tracker.contract.TaskMoved;
import io.tandem.tracker.contract.TaskPriority;
import io.tandem.tracker.contract.TaskStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;
import java.time.Instant;
import java.util.UUID;

/**
 * The task aggregate. Its version counts the events it has produced and is what clients send back
 * in If-Match; a move against any other version is refused, so no update is ever lost.
 */
@Entity
@Table(name = "tracker_task")
public class Task {
    public static final String TYPE = "Task";

    @Id
    private UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(name = "project_id", nullable = false, updatable = false)
    private UUID projectId;

    @Column(nullable = false)
    private String title;

    @Column
    private String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TaskStatus status;

    @Column(nullable = false)
    private String priority;

    @Column(nullable = false)
    private long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Task() {}

    public static Created create(
            UUID id, UUID tenantId, UUID projectId, String title, String description, String priority, Instant now) {
        TaskPriority level = priority == null
                ? TaskPriority.NORMAL
                : TaskPriority.fromWire(priority).orElseThrow(() -> new InvalidInput("priority",
                        "unknown priority " + quoted(priority) + "; expected one of low, normal, high"));
        Task task = new Task();
        task.id = id;
        task.tenantId = tenantId;
        task.projectId = projectId;
        task.title = title;
        task.description = description;
        task.status = TaskStatus.TODO;
        task.priority = level.wire();
        task.version = 1;
        task.createdAt = now;
        return new Created(task, new TaskCreated(id, projectId, title, description, TaskStatus.TODO.wire(), level.wire()));
    }

    public record Created(Task task, TaskCreated event) {}

    /**
     * Moves the task. The version check comes first: a client working from a stale view learns
     * that before it learns whether its move would have been legal.
     */
    public TaskMoved move(String requestedStatus, long expectedVersion) {
        if (expectedVersion != version) {
            throw new StaleVersion("task " + id, expectedVersion, version);
        }
        TaskStatus target = TaskStatus.fromWire(requestedStatus)
                .orElseThrow(() -> new InvalidInput("status", "unknown status " + quoted(requestedStatus)
                        + "; expected one of todo, in_progress, done"));
        if (!TaskTransitions.allowed(status, target)) {
            throw new RuleViolated("status", "a task cannot move from " + status.wire() + " to " + target.wire());
        }
        TaskMoved moved = new TaskMoved(id, projectId, status.wire(), target.wire());
        status = target;
        version++;
        return moved;
    }

    public UUID id() { return id; }
    public UUID tenantId() { return tenantId; }
    public UUID projectId() { return projectId; }
    public TaskStatus status() { return status; }
    public String priority() { return priority; }
    public long version() { return version; }

    /** The client's value in a message, cut short: messages go back to the client and into the audit log. */
    static String quoted(String value) {
        String v = String.valueOf(value);
        return "'" + (v.length() > 40 ? v.substring(0, 40) + "…" : v) + "'";
    }
}
