package io.tandem.tenancy.readmodel;

import io.tandem.kernel.projection.ProjectionDelivery;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Feeds {@link MemberListProjection} from its durable, shared subscription to the event topic, outside a container
 * transaction ({@link ProjectionDelivery} says why).
 */
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@MessageDriven(
        name = MemberListProjector.NAME,
        activationConfig = {
            @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/topic/tandem-events"),
            @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
            @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "Durable"),
            @ActivationConfigProperty(propertyName = "clientId", propertyValue = "tandem-" + MemberListProjector.NAME),
            @ActivationConfigProperty(propertyName = "subscriptionName", propertyValue = MemberListProjector.NAME),
            @ActivationConfigProperty(propertyName = "shareSubscriptions", propertyValue = "true"),
            @ActivationConfigProperty(propertyName = "messageSelector", propertyValue = "aggregateType = 'Member'")
        })
public class MemberListProjector implements MessageListener {
    public static final String NAME = MemberListProjection.NAME;

    @Inject
    MemberListProjection projection;

    @Inject
    ProjectionDelivery delivery;

    @Override
    public void onMessage(Message message) {
        delivery.deliver(projection, message);
    }
}
