package io.tandem.tracker.readmodel;

import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.projection.ProjectionDelivery;
import io.tandem.tracker.contract.ProjectCreated;
import io.tandem.tracker.contract.TaskCreated;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Maintains {@code project_list}: one row per project with its task count.
 *
 * <p>The task count is not idempotent (it adds one per TaskCreated), which is exactly why every
 * event goes through the kernel's checkpoint before it is applied.
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
            default -> {
                // Other events of these aggregates do not change the list, but still pass through
                // the checkpoint so that version order is kept.
            }
        }
    }
}
