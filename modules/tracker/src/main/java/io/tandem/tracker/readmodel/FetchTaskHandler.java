package io.tandem.tracker.readmodel;

import io.tandem.kernel.rejection.NotFound;
import io.tandem.tracker.contract.FetchTask;
import io.tandem.tracker.contract.TaskView;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

@Stateless
// Read-only, but in a transaction: its statements share one connection, bound to the tenant once.
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class FetchTaskHandler {
    @PersistenceContext(unitName = "tracker")
    EntityManager em;

    public TaskView handle(FetchTask q) {
        TaskBoardRow r = em.createQuery("select r from TaskBoardRow r where r.taskId = :id and r.tenantId = :tenant",
                        TaskBoardRow.class)
                .setParameter("id", q.taskId())
                .setParameter("tenant", q.tenantId())
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new NotFound("taskId", "task", q.taskId()));
        return new TaskView(r.taskId, r.projectId, r.title, r.description, r.status, r.priority, r.version, r.createdAt, r.updatedAt);
    }
}
