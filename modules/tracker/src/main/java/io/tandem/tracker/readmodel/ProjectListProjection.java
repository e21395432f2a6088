package io.tandem.tracker.readmodel;

import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.projection.Projection;
import io.tandem.kernel.projection.ReadModelTables;
import io.tandem.kernel.schema.Databases;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.hibernate.Session;

/**
 * The {@code project_list} read model: one row per project with its task count and done count.
 *
 * <p>Both counts are deltas, not idempotent (applying TaskCreated twice would count the task twice),
 * which is exactly why every event goes through the kernel's checkpoint before it is applied.
 */
@ApplicationScoped
public class ProjectListProjection implements Projection {
    public static final String NAME = "project-list";

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
     * aggregates and travel in other message groups (and in a rebuild, other lanes). So every change
     * is an upsert: the first one to arrive creates the project's row, a task-count placeholder at
     * version 0 (queries do not show such rows) until ProjectCreated fills in the project itself. The
     * row's position is the highest it has seen, not the last: events of different tasks are applied
     * in no fixed order, and a rebuilt row must equal the live one. This is H2's, a MERGE.
     */
    private static final String UPSERT_H2 = "merge into %s t using (values (cast(? as uuid), cast(? as uuid),"
            + " cast(? as boolean), cast(? as varchar(16)), cast(? as varchar(200)), cast(? as bigint),"
            + " cast(? as bigint), cast(? as bigint), cast(? as timestamp with time zone), cast(? as bigint)))"
            + " as s (project_id, tenant_id, created, project_key, name, task_delta, done_delta, version, created_at,"
            + " global_position) on t.project_id = s.project_id"
            + " when matched then update set"
            + " project_key = case when s.created then s.project_key else t.project_key end,"
            + " name = case when s.created then s.name else t.name end,"
            + " version = case when s.created then s.version else t.version end,"
            + " created_at = case when s.created then s.created_at else t.created_at end,"
            + " task_count = t.task_count + s.task_delta, done_count = t.done_count + s.done_delta,"
            + " global_position = greatest(t.global_position, s.global_position)"
            + " when not matched then insert (project_id, tenant_id, project_key, name, task_count, done_count, version,"
            + " created_at, global_position) values (s.project_id, s.tenant_id, s.project_key, s.name, s.task_delta,"
            + " s.done_delta, s.version, s.created_at, s.global_position)";

    /**
     * The same upsert on PostgreSQL, where a MERGE (as on H2) that finds no row inserts one and
     * fails on the unique key if another transaction inserted it meanwhile: a project's creation and
     * its first task's, applied at once, rolled one of them back (a redelivery live, a share replayed
     * again in a rebuild). INSERT ... ON CONFLICT waits for the other and updates its row instead. A
     * change that creates the project is the one with a version (placeholders are at 0); the
     * parameters are the MERGE's, so both bind alike.
     */
    private static final String UPSERT_POSTGRES = "insert into %s as t (project_id, tenant_id, project_key, name,"
            + " task_count, done_count, version, created_at, global_position) select s.project_id, s.tenant_id,"
            + " s.project_key, s.name, s.task_delta, s.done_delta, s.version, s.created_at, s.global_position"
            + " from (values (cast(? as uuid), cast(? as uuid), cast(? as boolean), cast(? as varchar(16)),"
            + " cast(? as varchar(200)), cast(? as bigint), cast(? as bigint), cast(? as bigint),"
            + " cast(? as timestamp with time zone), cast(? as bigint)))"
            + " as s (project_id, tenant_id, created, project_key, name, task_delta, done_delta, version, created_at,"
            + " global_position) on conflict (project_id) do update set"
            + " project_key = case when excluded.version > 0 then excluded.project_key else t.project_key end,"
            + " name = case when excluded.version > 0 then excluded.name else t.name end,"
            + " version = case when excluded.version > 0 then excluded.version else t.version end,"
            + " created_at = case when excluded.version > 0 then excluded.created_at else t.created_at end,"
            + " task_count = t.task_count + excluded.task_count, done_count = t.done_count + excluded.done_count,"
            + " global_position = greatest(t.global_position, excluded.global_position)";

    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public void apply(RecordedEvent e, ReadModelTables tables) {
        applyAll(List.of(e), tables);
    }

    /** One upsert per project the batch changes, in project-id order (see {@link ProjectListChanges} and {@link #write}). */
    @Override
    public void applyAll(List<RecordedEvent> events, ReadModelTables tables) {
        List<ProjectListChanges.Change> changes = ProjectListChanges.of(events);
        if (changes.isEmpty()) {
            // Other events of these aggregates do not change the list, but still pass through
            // the checkpoint so that version order is kept.
            return;
        }
        em.unwrap(Session.class).doWork(c -> write(c, tables.of("project_list"), changes));
    }

    /**
     * Writes the changes: on PostgreSQL as one JDBC batch of {@link #UPSERT_POSTGRES}. On H2 the
     * MERGE races as on PostgreSQL (the second insert waits for the first, then fails on the key),
     * but a failed statement there leaves the transaction usable, so each change is sent on its own
     * and sent again once after a key violation: by then the other row is committed, and the MERGE
     * finds it.
     */
    static void write(Connection c, String table, List<ProjectListChanges.Change> changes) throws SQLException {
        boolean postgres = Databases.isPostgres(c);
        try (PreparedStatement upsert = c.prepareStatement(String.format(postgres ? UPSERT_POSTGRES : UPSERT_H2, table))) {
            for (ProjectListChanges.Change change : changes) {
                bind(upsert, change);
                if (postgres) {
                    upsert.addBatch();
                } else {
                    try {
                        upsert.executeUpdate();
                    } catch (SQLException e) {
                        if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                            throw e;
                        }
                        upsert.executeUpdate();
                    }
                }
            }
            if (postgres) {
                upsert.executeBatch();
            }
        }
    }

    private static void bind(PreparedStatement upsert, ProjectListChanges.Change change) throws SQLException {
        boolean created = change.created() != null;
        upsert.setObject(1, change.projectId());
        upsert.setObject(2, change.tenantId());
        upsert.setBoolean(3, created);
        upsert.setString(4, created ? change.created().key() : "");
        upsert.setString(5, created ? change.created().name() : "");
        upsert.setLong(6, change.taskDelta());
        upsert.setLong(7, change.doneDelta());
        upsert.setLong(8, change.version());
        upsert.setObject(9, change.createdAt().atOffset(ZoneOffset.UTC));
        upsert.setLong(10, change.position());
    }
}
