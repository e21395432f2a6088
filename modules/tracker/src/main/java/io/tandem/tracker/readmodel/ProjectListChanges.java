package io.tandem.tracker.readmodel;

import io.tandem.kernel.event.RecordedEvent;
import io.tandem.tracker.contract.ProjectCreated;
import io.tandem.tracker.contract.TaskCreated;
import io.tandem.tracker.contract.TaskMoved;
import io.tandem.tracker.contract.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What a batch of events does to {@code project_list}: one change per project, in project-id order.
 *
 * <p>Every task event of a project changes that project's row, and live batches of different
 * message groups (different tasks of the same projects) are applied at once. Touched one event at a
 * time, in log order, two batches lock the same project rows in different orders and deadlock,
 * which PostgreSQL detects only after {@code deadlock_timeout} (1 s), rolling one of them back.
 * Folded per project and written in project-id order, they wait for each other instead, and lock
 * each row with one statement per batch instead of one per event.
 */
final class ProjectListChanges {
    private static final String DONE = TaskStatus.DONE.wire();

    /**
     * A project's row change. {@code created} is set if the batch holds the project's creation
     * (then {@code version} and {@code createdAt} are the creation's); otherwise the row may still
     * be missing, and is inserted as a placeholder at version 0 with the first event's time.
     */
    record Change(UUID projectId, UUID tenantId, ProjectCreated created, long version, Instant createdAt,
            long taskDelta, long doneDelta, long position) {}

    private ProjectListChanges() {}

    static List<Change> of(List<RecordedEvent> events) {
        Map<UUID, Change> changes = new TreeMap<>();
        for (RecordedEvent e : events) {
            switch (e.eventType()) {
                case "ProjectCreated" -> {
                    ProjectCreated created = e.payloadAs(ProjectCreated.class);
                    changes.merge(created.projectId(),
                            new Change(created.projectId(), e.tenantId(), created, e.aggregateVersion(), e.occurredAt(), 0, 0,
                                    e.position()),
                            ProjectListChanges::then);
                }
                case "TaskCreated" -> {
                    TaskCreated created = e.payloadAs(TaskCreated.class);
                    changes.merge(created.projectId(), counted(created.projectId(), e, 1, 0), ProjectListChanges::then);
                }
                case "TaskMoved" -> {
                    TaskMoved moved = e.payloadAs(TaskMoved.class);
                    int delta = (DONE.equals(moved.to()) ? 1 : 0) - (DONE.equals(moved.from()) ? 1 : 0);
                    if (delta != 0) {
                        changes.merge(moved.projectId(), counted(moved.projectId(), e, 0, delta), ProjectListChanges::then);
                    }
                }
                default -> {
                    // Other events of these aggregates do not change the list.
                }
            }
        }
        return new ArrayList<>(changes.values());
    }

    private static Change counted(UUID projectId, RecordedEvent e, long taskDelta, long doneDelta) {
        return new Change(projectId, e.tenantId(), null, 0, e.occurredAt(), taskDelta, doneDelta, e.position());
    }

    /** {@code earlier} followed by {@code later}: counts add up, the creation (there is at most one) wins. */
    private static Change then(Change earlier, Change later) {
        Change creation = later.created() != null ? later : earlier;
        return new Change(earlier.projectId(), earlier.tenantId(), creation.created(), creation.version(),
                creation.createdAt(), earlier.taskDelta() + later.taskDelta(), earlier.doneDelta() + later.doneDelta(),
                Math.max(earlier.position(), later.position()));
    }
}
