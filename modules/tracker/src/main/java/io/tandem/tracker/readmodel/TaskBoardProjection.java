package io.tandem.tracker.readmodel;

import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.projection.Projection;
import io.tandem.kernel.projection.ReadModelTables;
import io.tandem.tracker.contract.TaskCreated;
import io.tandem.tracker.contract.TaskMoved;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
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
    public List<String> tables() {
        return List.of("task_board");
    }

    @Override
    public void apply(RecordedEvent e, ReadModelTables tables) {
        switch (e.eventType()) {
            case "TaskCreated" -> {
                TaskCreated created = e.payloadAs(TaskCreated.class);
                em.createNativeQuery("insert into " + tables.of("task_board") + " (task_id, tenant_id, project_id, title,"
                                + " description, status, priority, version, created_at, updated_at, global_position)"
                                + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
                        .setParameter(1, created.taskId())
                        .setParameter(2, e.tenantId())
                        .setParameter(3, created.projectId())
                        .setParameter(4, created.title())
                        .setParameter(5, created.description())
                        .setParameter(6, created.status())
                        .setParameter(7, created.priority())
                        .setParameter(8, e.aggregateVersion())
                        .setParameter(9, e.occurredAt())
                        .setParameter(10, e.occurredAt())
                        .setParameter(11, e.position())
                        .executeUpdate();
            }
            case "TaskMoved" -> {
                TaskMoved moved = e.payloadAs(TaskMoved.class);
                em.createNativeQuery("update " + tables.of("task_board") + " set status = ?1, version = ?2, updated_at = ?3,"
                                + " global_position = ?4 where task_id = ?5 and tenant_id = ?6")
                        .setParameter(1, moved.to())
                        .setParameter(2, e.aggregateVersion())
                        .setParameter(3, e.occurredAt())
                        .setParameter(4, e.position())
                        .setParameter(5, moved.taskId())
                        .setParameter(6, e.tenantId())
                        .executeUpdate();
            }
            default -> {
                // Not shown on the board; the checkpoint still records it.
            }
        }
    }
}
