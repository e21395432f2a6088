package io.tandem.tracker.readmodel;

import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.projection.ProjectionDelivery;
import io.tandem.tracker.contract.TaskCreated;
import io.tandem.tracker.contract.TaskMoved;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Maintains {@code task_board}: one row per task, which boards group by status. */
@MessageDriven(
        name = TaskBoardProjector.NAME,
        activationConfig = {
            @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/topic/tandem-events"),
            @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
            @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "Durable"),
            @ActivationConfigProperty(propertyName = "clientId", propertyValue = "tandem-" + TaskBoardProjector.NAME),
            @ActivationConfigProperty(propertyName = "subscriptionName", propertyValue = TaskBoardProjector.NAME),
            @ActivationConfigProperty(propertyName = "shareSubscriptions", propertyValue = "true"),
            @ActivationConfigProperty(propertyName = "messageSelector", propertyValue = "aggregateType = 'Task'")
        })
public class TaskBoardProjector implements MessageListener {
    public static final String NAME = "task-board";

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
            case "TaskCreated" -> {
                TaskCreated created = e.payloadAs(TaskCreated.class);
                TaskBoardRow row = new TaskBoardRow();
                row.taskId = created.taskId();
                row.tenantId = e.tenantId();
                row.projectId = created.projectId();
                row.title = created.title();
                row.description = created.description();
                row.status = created.status();
                row.version = e.aggregateVersion();
                row.createdAt = e.occurredAt();
                row.updatedAt = e.occurredAt();
                row.position = e.position();
                em.persist(row);
            }
            case "TaskMoved" -> {
                TaskMoved moved = e.payloadAs(TaskMoved.class);
                TaskBoardRow row = em.find(TaskBoardRow.class, moved.taskId());
                row.status = moved.to();
                row.version = e.aggregateVersion();
                row.updatedAt = e.occurredAt();
                row.position = e.position();
            }
            default -> {
                // Not shown on the board; the checkpoint still records it.
            }
        }
    }
}
