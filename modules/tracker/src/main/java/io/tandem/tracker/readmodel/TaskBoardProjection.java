package io.tandem.tracker.readmodel;

import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.projection.Projection;
import io.tandem.kernel.projection.ReadModelTables;
import io.tandem.tracker.contract.TaskCreated;
import io.tandem.tracker.contract.TaskMoved;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

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

    /** A board row as a batch of events leaves it. */
    private static final class Card {
        UUID taskId;
        UUID tenantId;
        UUID projectId;
        String title;
        String description;
        String status;
        String priority;
        long version;
        Instant createdAt;
        Instant updatedAt;
        long position;
    }

    /**
     * A batch (a rebuild's or a live message's) in two JDBC batches instead of a statement per event: a task created in
     * the batch is inserted once, as its last event in the batch leaves it; a task created earlier
     * is updated once, to its last move. The rows equal what {@link #apply} leaves.
     */
    @Override
    public void applyAll(List<RecordedEvent> events, ReadModelTables tables) {
        Map<UUID, Card> created = new LinkedHashMap<>();
        Map<UUID, Card> moved = new LinkedHashMap<>();
        for (RecordedEvent e : events) {
            switch (e.eventType()) {
                case "TaskCreated" -> {
                    TaskCreated t = e.payloadAs(TaskCreated.class);
                    Card card = new Card();
                    card.taskId = t.taskId();
                    card.tenantId = e.tenantId();
                    card.projectId = t.projectId();
                    card.title = t.title();
                    card.description = t.description();
                    card.status = t.status();
                    card.priority = t.priority();
                    card.version = e.aggregateVersion();
                    card.createdAt = e.occurredAt();
                    card.updatedAt = e.occurredAt();
                    card.position = e.position();
                    created.put(card.taskId, card);
                }
                case "TaskMoved" -> {
                    TaskMoved m = e.payloadAs(TaskMoved.class);
                    Card card = created.get(m.taskId());
                    if (card == null) {
                        card = moved.computeIfAbsent(m.taskId(), id -> new Card());
                        card.taskId = m.taskId();
                        card.tenantId = e.tenantId();
                    }
                    card.status = m.to();
                    card.version = e.aggregateVersion();
                    card.updatedAt = e.occurredAt();
                    card.position = e.position();
                }
                default -> {
                    // Not shown on the board.
                }
            }
        }
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement insert = c.prepareStatement("insert into " + tables.of("task_board") + " (task_id,"
                    + " tenant_id, project_id, title, description, status, priority, version, created_at, updated_at,"
                    + " global_position) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement update = c.prepareStatement("update " + tables.of("task_board") + " set status = ?,"
                            + " version = ?, updated_at = ?, global_position = ? where task_id = ? and tenant_id = ?")) {
                for (Card card : created.values()) {
                    insert.setObject(1, card.taskId);
                    insert.setObject(2, card.tenantId);
                    insert.setObject(3, card.projectId);
                    insert.setString(4, card.title);
                    insert.setString(5, card.description);
                    insert.setString(6, card.status);
                    insert.setString(7, card.priority);
                    insert.setLong(8, card.version);
                    insert.setObject(9, card.createdAt.atOffset(ZoneOffset.UTC));
                    insert.setObject(10, card.updatedAt.atOffset(ZoneOffset.UTC));
                    insert.setLong(11, card.position);
                    insert.addBatch();
                }
                for (Card card : moved.values()) {
                    update.setString(1, card.status);
                    update.setLong(2, card.version);
                    update.setObject(3, card.updatedAt.atOffset(ZoneOffset.UTC));
                    update.setLong(4, card.position);
                    update.setObject(5, card.taskId);
                    update.setObject(6, card.tenantId);
                    update.addBatch();
                }
                insert.executeBatch();
                update.executeBatch();
            }
        });
    }
}
