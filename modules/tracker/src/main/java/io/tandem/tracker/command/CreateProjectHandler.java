package io.tandem.tracker.command;

import io.tandem.kernel.event.EventLog;
import io.tandem.kernel.rejection.Duplicate;
import io.tandem.tracker.contract.CreateProject;
import io.tandem.tracker.domain.Project;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

@Stateless
public class CreateProjectHandler {
    @PersistenceContext(unitName = "tracker")
    EntityManager em;

    @Inject
    EventLog eventLog;

    public void handle(@Observes CreateProject cmd) {
        var tenantId = cmd.context().tenantId();
        boolean taken = !em.createQuery(
                        "select p.id from Project p where p.tenantId = :tenant and p.key = :key", Object.class)
                .setParameter("tenant", tenantId)
                .setParameter("key", cmd.key())
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
        if (taken) {
            throw new Duplicate("key", "a project with key " + cmd.key() + " exists already");
        }
        var created = Project.create(cmd.projectId(), tenantId, cmd.key(), cmd.name(), Instant.now());
        em.persist(created.project());
        eventLog.record(cmd.context(), Project.TYPE, cmd.projectId(), 1, created.event());
    }
}
