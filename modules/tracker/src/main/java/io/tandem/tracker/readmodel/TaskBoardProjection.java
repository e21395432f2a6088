package io.tandem.tracker.readmodel;

import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.projection.Projection;
import io.tandem.tracker.contract.TaskCreated;
import io.tandem.tracker.contract.TaskMoved;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Set;

/** The {@code task_board} read model: one row per task, which boards group by status. */
@ApplicationScoped
public class TaskBoardProjection implements Projection {
    public static final String NAME = "task-board";

    @PersistenceContext(unitName = "tracker")
    EntityManager em;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> aggregateTypes() {
        return Set.of("Task");
    }

    @Override
    public void apply(RecordedEvent e) {
        switch (e.eventType()) {
            case "TaskCreated" -> {
                TaskCreated created = e.payloadAs(TaskCreated.class);
                TaskBoardRow row = new TaskBoardRow();
                row.taskId = created.taskId();
                row.tenantId = e.tenantId();
                row.projectId = created.projectId();
                row.title = created.title();
                row.description = created.description();
                row.status = created.status();
                row.priority = created.priority();
                row.version = e.aggregateVersion();
                row.createdAt = e.occurredAt();
                row.updatedAt = e.occurredAt();
                row.position = e.position();
                em.persist(row);
            }
            case "TaskMoved" -> {
                TaskMoved moved = e.payloadAs(TaskMoved.class);
                TaskBoardRow row = em.find(TaskBoardRow.class, moved.taskId());
                row.status = moved.to();
                row.version = e.aggregateVersion();
                row.updatedAt = e.occurredAt();
                row.position = e.position();
            }
            default -> {
                // Not shown on the board; the checkpoint still records it.
            }
        }
    }
}
