package io.tandem.tracker.readmodel;

import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.projection.ProjectionDelivery;
import io.tandem.tracker.contract.ProjectCreated;
import io.tandem.tracker.contract.TaskCreated;
import io.tandem.tracker.contract.TaskMoved;
import io.tandem.tracker.contract.TaskStatus;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Maintains {@code project_list}: one row per project with its task count and done count.
 *
 * <p>Both counts are deltas, not idempotent (applying TaskCreated twice would count the task twice),
 * which is exactly why every event goes through the kernel's checkpoint before it is applied.
 */
@MessageDriven(
        name = ProjectListProjector.NAME,
        activationConfig = {
            @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/topic/tandem-events"),
            @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
            @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "Durable"),
            @ActivationConfigProperty(propertyName = "clientId", propertyValue = "tandem-" + ProjectListProjector.NAME),
            @ActivationConfigProperty(propertyName = "subscriptionName", propertyValue = ProjectListProjector.NAME),
            @ActivationConfigProperty(propertyName = "shareSubscriptions", propertyValue = "true"),
            @ActivationConfigProperty(propertyName = "messageSelector", propertyValue = "aggregateType IN ('Project', 'Task')")
        })
public class ProjectListProjector implements MessageListener {
    public static final String NAME = "project-list";
    private static final String DONE = TaskStatus.DONE.wire();

    @PersistenceContext(unitName = "tracker")
    EntityManager em;

    @Inject
    ProjectionDelivery delivery;

    @Override
    public void onMessage(Message message) {
        delivery.deliver(NAME, message, this::apply);
    }

    void apply(RecordedEvent e) {
        switch (e.eventType()) {
            case "ProjectCreated" -> {
                ProjectCreated created = e.payloadAs(ProjectCreated.class);
                ProjectListRow row = new ProjectListRow();
                row.projectId = created.projectId();
                row.tenantId = e.tenantId();
                row.key = created.key();
                row.name = created.name();
                row.taskCount = 0;
                row.doneCount = 0;
                row.version = e.aggregateVersion();
                row.createdAt = e.occurredAt();
                row.position = e.position();
                em.persist(row);
            }
            case "TaskCreated" -> {
                TaskCreated created = e.payloadAs(TaskCreated.class);
                em.createQuery("update ProjectListRow r set r.taskCount = r.taskCount + 1, r.position = :position"
                                + " where r.projectId = :project and r.tenantId = :tenant")
                        .setParameter("position", e.position())
                        .setParameter("project", created.projectId())
                        .setParameter("tenant", e.tenantId())
                        .executeUpdate();
            }
            case "TaskMoved" -> {
                TaskMoved moved = e.payloadAs(TaskMoved.class);
                int delta = (DONE.equals(moved.to()) ? 1 : 0) - (DONE.equals(moved.from()) ? 1 : 0);
                if (delta != 0) {
                    em.createQuery("update ProjectListRow r set r.doneCount = r.doneCount + :delta, r.position = :position"
                                    + " where r.projectId = :project and r.tenantId = :tenant")
                            .setParameter("delta", (long) delta)
                            .setParameter("position", e.position())
                            .setParameter("project", moved.projectId())
                            .setParameter("tenant", e.tenantId())
                            .executeUpdate();
                }
            }
            default -> {
                // Other events of these aggregates do not change the list, but still pass through
                // the checkpoint so that version order is kept.
            }
        }
    }
}
