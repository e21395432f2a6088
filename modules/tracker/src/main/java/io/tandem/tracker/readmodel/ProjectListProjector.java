package io.tandem.tracker.readmodel;

import io.tandem.kernel.projection.ProjectionDelivery;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Feeds {@link ProjectListProjection} from its durable, shared subscription to the event topic, outside a container
 * transaction ({@link ProjectionDelivery} says why).
 */
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
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
    public static final String NAME = ProjectListProjection.NAME;

    @Inject
    ProjectListProjection projection;

    @Inject
    ProjectionDelivery delivery;

    @Override
    public void onMessage(Message message) {
        delivery.deliver(projection, message);
    }
}
