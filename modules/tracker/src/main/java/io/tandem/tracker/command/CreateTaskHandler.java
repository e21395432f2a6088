package io.tandem.tracker.command;

import io.tandem.kernel.event.EventLog;
import io.tandem.kernel.persistence.Rows;
import io.tandem.kernel.rejection.NotFound;
import io.tandem.tracker.contract.CreateTask;
import io.tandem.tracker.domain.Project;
import io.tandem.tracker.domain.Task;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

@Stateless
public class CreateTaskHandler {
    @PersistenceContext(unitName = "tracker")
    EntityManager em;

    @Inject
    EventLog eventLog;

    public void handle(@Observes CreateTask cmd) {
        // By id, not by a query: Hibernate does not cache the plan of a query while a filter is
        // enabled, and @TenantId is one, so a query here was translated again on every command.
        Project project = Rows.byId(em, Project.class, cmd.projectId());
        if (project == null || !project.tenantId().equals(cmd.context().tenantId())) {
            throw new NotFound("projectId", "project", cmd.projectId());
        }
        var created = Task.create(
                cmd.taskId(), project.tenantId(), project.id(), cmd.title(), cmd.description(), cmd.priority(), Instant.now());
        em.persist(created.task());
        eventLog.record(cmd.context(), Task.TYPE, cmd.taskId(), 1, created.event());
    }
}
