package io.tandem.tracker.readmodel;

import io.tandem.kernel.rejection.NotFound;
import io.tandem.tracker.contract.BoardView;
import io.tandem.tracker.contract.FetchBoard;
import io.tandem.tracker.contract.TaskStatus;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.query.NativeQuery;

/**
 * A project's board from {@code project_list} and {@code task_board} in two statements, whatever
 * the number of columns: the project with its count per status, then the first cards of every
 * non-empty column. The counts come from an aggregate, so they stay exact however many cards a
 * column lists. On PostgreSQL both statements are index-only scans of {@code task_board_cards}
 * (V3_2): a project's rows lie scattered over the table, one heap page per task or nearly.
 */
@Stateless
// Read-only, but in a transaction: its statements share one connection, bound to the tenant once.
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class FetchBoardHandler {
    /** Cards listed per column; the count still covers them all. */
    public static final int CARDS_PER_COLUMN = 200;

    /** One row per non-empty status, or one with a null status for a project without tasks; none: no such project. */
    static final String PROJECT_AND_COUNTS = """
            select p.project_key, p.name, c.status, c.n
            from project_list p
            left join (select b.status, count(*) as n from task_board b
                       where b.tenant_id = :tenant and b.project_id = :project group by b.status) c on 1 = 1
            where p.project_id = :project and p.tenant_id = :tenant and p.version > 0""";

    @PersistenceContext(unitName = "tracker")
    EntityManager em;

    public BoardView handle(FetchBoard q) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(PROJECT_AND_COUNTS)
                .setParameter("tenant", q.tenantId())
                .setParameter("project", q.projectId())
                .getResultList();
        if (rows.isEmpty()) {
            throw new NotFound("projectId", "project", q.projectId());
        }
        Map<TaskStatus, Long> counts = new EnumMap<>(TaskStatus.class);
        for (Object[] row : rows) {
            if (row[2] != null) {
                TaskStatus.fromWire((String) row[2]).ifPresent(s -> counts.put(s, ((Number) row[3]).longValue()));
            }
        }
        Map<TaskStatus, List<BoardView.Card>> cards = cards(q, counts.keySet());
        List<BoardView.Column> columns = new ArrayList<>();
        long total = 0;
        for (TaskStatus status : TaskStatus.values()) {
            long count = counts.getOrDefault(status, 0L);
            total += count;
            columns.add(new BoardView.Column(status.wire(), count, cards.getOrDefault(status, List.of())));
        }
        return new BoardView(q.projectId(), (String) rows.get(0)[0], (String) rows.get(0)[1], total, columns);
    }

    /**
     * The first cards of each given status, oldest first, in one statement: a capped, ordered branch
     * per status, so each reads no more than it lists. A card's four columns, not the row: not the
     * description (up to 10,000 characters), which a card does not show.
     */
    private Map<TaskStatus, List<BoardView.Card>> cards(FetchBoard q, Set<TaskStatus> statuses) {
        Map<TaskStatus, List<BoardView.Card>> cards = new EnumMap<>(TaskStatus.class);
        if (statuses.isEmpty()) {
            return cards;
        }
        // Typed: H2's driver would otherwise hand Hibernate a uuid as its 16 bytes.
        @SuppressWarnings("unchecked")
        NativeQuery<Object[]> query = em.createNativeQuery(cardsStatement(statuses.size()))
                .unwrap(NativeQuery.class)
                .addScalar("status", String.class)
                .addScalar("task_id", UUID.class)
                .addScalar("title", String.class)
                .addScalar("priority", String.class)
                .addScalar("version", Long.class);
        query.setParameter("tenant", q.tenantId()).setParameter("project", q.projectId());
        int i = 0;
        for (TaskStatus status : statuses) {
            query.setParameter("status" + i++, status.wire());
        }
        for (Object[] r : query.getResultList()) {
            TaskStatus status = TaskStatus.fromWire((String) r[0]).orElseThrow();
            cards.computeIfAbsent(status, s -> new ArrayList<>())
                    .add(new BoardView.Card((UUID) r[1], (String) r[2], (String) r[3], (Long) r[4]));
        }
        return cards;
    }

    /** The cards of {@code columns} statuses (parameters status0…): each column's rows in card order. */
    static String cardsStatement(int columns) {
        if (columns == 1) {
            return column(0);
        }
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < columns; i++) {
            sql.append(i == 0 ? "(" : " union all (").append(column(i)).append(')');
        }
        // A union's rows come in no promised order: the cards' order is restored over the few listed.
        return sql.append(" order by 1, 6, 2").toString();
    }

    private static String column(int i) {
        return "select b.status, b.task_id, b.title, b.priority, b.version, b.created_at from task_board b"
                + " where b.tenant_id = :tenant and b.project_id = :project and b.status = :status" + i
                + " order by b.created_at, b.task_id fetch first " + CARDS_PER_COLUMN + " rows only";
    }
}
