package io.tandem.tracker.readmodel;

import io.tandem.tracker.contract.BoardView;
import io.tandem.tracker.contract.FetchBoard;
import io.tandem.tracker.contract.TaskStatus;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A project's board from {@code task_board}: the counts per status come from an aggregate query, so
 * they stay exact however many cards a column lists.
 */
@Stateless
// Read-only, but in a transaction: its statements share one connection, bound to the tenant once.
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class FetchBoardHandler {
    /** Cards listed per column; the count still covers them all. */
    public static final int CARDS_PER_COLUMN = 200;

    @PersistenceContext(unitName = "tracker")
    EntityManager em;

    public BoardView handle(FetchBoard q) {
        ProjectListRow project = FetchProjectHandler.row(em, q.tenantId(), q.projectId());
        Map<String, Long> counts = new HashMap<>();
        em.createQuery("select r.status, count(r) from TaskBoardRow r where r.tenantId = :tenant and r.projectId = :project"
                        + " group by r.status", Object[].class)
                .setParameter("tenant", q.tenantId())
                .setParameter("project", q.projectId())
                .getResultList()
                .forEach(row -> counts.put((String) row[0], (Long) row[1]));
        List<BoardView.Column> columns = new ArrayList<>();
        long total = 0;
        for (TaskStatus status : TaskStatus.values()) {
            long count = counts.getOrDefault(status.wire(), 0L);
            total += count;
            // The card's four columns, not the row: no entity to hydrate and manage per card, and
            // not the description (up to 10,000 characters), which a card does not show.
            List<BoardView.Card> cards = count == 0
                    ? List.of()
                    : em.createQuery("select r.taskId, r.title, r.priority, r.version from TaskBoardRow r"
                                    + " where r.tenantId = :tenant and r.projectId = :project and r.status = :status"
                                    + " order by r.createdAt, r.taskId", Object[].class)
                            .setParameter("tenant", q.tenantId())
                            .setParameter("project", q.projectId())
                            .setParameter("status", status.wire())
                            .setMaxResults(CARDS_PER_COLUMN)
                            .getResultStream()
                            .map(r -> new BoardView.Card((UUID) r[0], (String) r[1], (String) r[2], (Long) r[3]))
                            .toList();
            columns.add(new BoardView.Column(status.wire(), count, cards));
        }
        return new BoardView(project.projectId, project.key, project.name, total, columns);
    }
}
