package io.tandem.tracker.readmodel;

import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.projection.Projection;
import io.tandem.tracker.contract.ProjectCreated;
import io.tandem.tracker.contract.TaskCreated;
import io.tandem.tracker.contract.TaskMoved;
import io.tandem.tracker.contract.TaskStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Set;

/**
 * The {@code project_list} read model: one row per project with its task count and done count.
 *
 * <p>Both counts are deltas, not idempotent (applying TaskCreated twice would count the task twice),
 * which is exactly why every event goes through the kernel's checkpoint before it is applied.
 */
@ApplicationScoped
public class ProjectListProjection implements Projection {
    public static final String NAME = "project-list";
    private static final String DONE = TaskStatus.DONE.wire();

    @PersistenceContext(unitName = "tracker")
    EntityManager em;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> aggregateTypes() {
        return Set.of("Project", "Task");
    }

    @Override
    public void apply(RecordedEvent e) {
        switch (e.eventType()) {
            case "ProjectCreated" -> {
                ProjectCreated created = e.payloadAs(ProjectCreated.class);
                ProjectListRow row = new ProjectListRow();
                row.projectId = created.projectId();
                row.tenantId = e.tenantId();
                row.key = created.key();
                row.name = created.name();
                row.taskCount = 0;
                row.doneCount = 0;
                row.version = e.aggregateVersion();
                row.createdAt = e.occurredAt();
                row.position = e.position();
                em.persist(row);
            }
            case "TaskCreated" -> {
                TaskCreated created = e.payloadAs(TaskCreated.class);
                em.createQuery("update ProjectListRow r set r.taskCount = r.taskCount + 1, r.position = :position"
                                + " where r.projectId = :project and r.tenantId = :tenant")
                        .setParameter("position", e.position())
                        .setParameter("project", created.projectId())
                        .setParameter("tenant", e.tenantId())
                        .executeUpdate();
            }
            case "TaskMoved" -> {
                TaskMoved moved = e.payloadAs(TaskMoved.class);
                int delta = (DONE.equals(moved.to()) ? 1 : 0) - (DONE.equals(moved.from()) ? 1 : 0);
                if (delta != 0) {
                    em.createQuery("update ProjectListRow r set r.doneCount = r.doneCount + :delta, r.position = :position"
                                    + " where r.projectId = :project and r.tenantId = :tenant")
                            .setParameter("delta", (long) delta)
                            .setParameter("position", e.position())
                            .setParameter("project", moved.projectId())
                            .setParameter("tenant", e.tenantId())
                            .executeUpdate();
                }
            }
            default -> {
                // Other events of these aggregates do not change the list, but still pass through
                // the checkpoint so that version order is kept.
            }
        }
    }
}
