package io.tandem.tracker.command;

import io.tandem.kernel.event.EventLog;
import io.tandem.kernel.persistence.Rows;
import io.tandem.kernel.rejection.NotFound;
import io.tandem.tracker.contract.MoveTask;
import io.tandem.tracker.domain.Task;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

@Stateless
public class MoveTaskHandler {
    @PersistenceContext(unitName = "tracker")
    EntityManager em;

    @Inject
    EventLog eventLog;

    public void handle(@Observes MoveTask cmd) {
        // The row lock serialises concurrent moves of one task, so of N moves sent with the same
        // If-Match exactly one finds its version current and the others are refused as stale.
        // By id, as in CreateTaskHandler: a query's plan is not cached while @TenantId's filter is on.
        Task task = Rows.byId(em, Task.class, cmd.taskId(), LockModeType.PESSIMISTIC_WRITE);
        if (task == null || !task.tenantId().equals(cmd.context().tenantId())) {
            throw new NotFound("taskId", "task", cmd.taskId());
        }
        var moved = task.move(cmd.status(), cmd.expectedVersion());
        eventLog.record(cmd.context(), Task.TYPE, task.id(), task.version(), moved);
    }
}
