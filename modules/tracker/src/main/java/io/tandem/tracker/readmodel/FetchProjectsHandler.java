package io.tandem.tracker.readmodel;

import io.tandem.tracker.contract.FetchProjects;
import io.tandem.tracker.contract.ProjectView;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

@Stateless
// Read-only, but in a transaction: its statements share one connection, bound to the tenant once.
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class FetchProjectsHandler {
    @PersistenceContext(unitName = "tracker")
    EntityManager em;

    public List<ProjectView> handle(FetchProjects q) {
        return em.createQuery("select r from ProjectListRow r where r.tenantId = :tenant and r.version > 0 order by r.key", ProjectListRow.class)
                .setParameter("tenant", q.tenantId())
                .setFirstResult(q.offset())
                .setMaxResults(q.limit())
                .getResultStream()
                .map(FetchProjectHandler::view)
                .toList();
    }
}
