package io.tandem.tracker.readmodel;

import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.projection.Projection;
import io.tandem.kernel.projection.ReadModelTables;
import io.tandem.tracker.contract.ProjectCreated;
import io.tandem.tracker.contract.TaskCreated;
import io.tandem.tracker.contract.TaskMoved;
import io.tandem.tracker.contract.TaskStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
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
    public List<String> tables() {
        return List.of("project_list");
    }

    /**
     * Task events of a project can be applied before its ProjectCreated: they belong to other
     * aggregates and travel in other message groups. So every change is a MERGE: the first one to
     * arrive creates the project's row, a task-count placeholder at version 0 (queries do not show
     * such rows) until ProjectCreated fills in the project itself.
     */
    private static final String UPSERT = "merge into %s t using (values (cast(?1 as uuid), cast(?2 as uuid),"
            + " cast(?3 as varchar(16)), cast(?4 as varchar(200)), cast(?5 as bigint), cast(?6 as bigint), cast(?7 as bigint),"
            + " cast(?8 as timestamp with time zone), cast(?9 as bigint))) as s (project_id, tenant_id, project_key, name,"
            + " task_delta, done_delta, version, created_at, global_position) on t.project_id = s.project_id"
            + " when matched then update set %s"
            + " when not matched then insert (project_id, tenant_id, project_key, name, task_count, done_count, version,"
            + " created_at, global_position) values (s.project_id, s.tenant_id, s.project_key, s.name, s.task_delta,"
            + " s.done_delta, s.version, s.created_at, s.global_position)";
    private static final String CREATED = "project_key = s.project_key, name = s.name, version = s.version,"
            + " created_at = s.created_at, global_position = greatest(t.global_position, s.global_position)";
    // The row's position is the highest it has seen, not the last: events of different tasks are
    // applied in no fixed order, and a rebuilt row must equal the live one.
    private static final String COUNTED = "task_count = t.task_count + s.task_delta, done_count = t.done_count + s.done_delta,"
            + " global_position = greatest(t.global_position, s.global_position)";

    @Override
    public void apply(RecordedEvent e, ReadModelTables tables) {
        String table = tables.of("project_list");
        switch (e.eventType()) {
            case "ProjectCreated" -> {
                ProjectCreated created = e.payloadAs(ProjectCreated.class);
                upsert(table, CREATED, created.projectId(), e, created.key(), created.name(), 0, 0, e.aggregateVersion());
            }
            case "TaskCreated" -> {
                TaskCreated created = e.payloadAs(TaskCreated.class);
                upsert(table, COUNTED, created.projectId(), e, "", "", 1, 0, 0);
            }
            case "TaskMoved" -> {
                TaskMoved moved = e.payloadAs(TaskMoved.class);
                int delta = (DONE.equals(moved.to()) ? 1 : 0) - (DONE.equals(moved.from()) ? 1 : 0);
                if (delta != 0) {
                    upsert(table, COUNTED, moved.projectId(), e, "", "", 0, delta, 0);
                }
            }
            default -> {
                // Other events of these aggregates do not change the list, but still pass through
                // the checkpoint so that version order is kept.
            }
        }
    }

    private void upsert(String table, String onMatch, java.util.UUID projectId, RecordedEvent e, String key, String name,
            long taskDelta, long doneDelta, long version) {
        em.createNativeQuery(String.format(UPSERT, table, onMatch))
                .setParameter(1, projectId)
                .setParameter(2, e.tenantId())
                .setParameter(3, key)
                .setParameter(4, name)
                .setParameter(5, taskDelta)
                .setParameter(6, doneDelta)
                .setParameter(7, version)
                .setParameter(8, e.occurredAt())
                .setParameter(9, e.position())
                .executeUpdate();
    }
}
