package io.tandem.tracker.readmodel;

import io.tandem.kernel.rejection.NotFound;
import io.tandem.tracker.contract.FetchProject;
import io.tandem.tracker.contract.ProjectView;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.UUID;

@Stateless
// Read-only, but in a transaction: its statements share one connection, bound to the tenant once.
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class FetchProjectHandler {
    @PersistenceContext(unitName = "tracker")
    EntityManager em;

    public ProjectView handle(FetchProject q) {
        return view(row(em, q.tenantId(), q.projectId()));
    }

    private static ProjectListRow row(EntityManager em, UUID tenantId, UUID projectId) {
        return em.createQuery("select r from ProjectListRow r where r.projectId = :id and r.tenantId = :tenant and r.version > 0",
                        ProjectListRow.class)
                .setParameter("id", projectId)
                .setParameter("tenant", tenantId)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new NotFound("projectId", "project", projectId));
    }

    static ProjectView view(ProjectListRow r) {
        return new ProjectView(r.projectId, r.key, r.name, r.taskCount, r.doneCount, r.version, r.createdAt);
    }
}
