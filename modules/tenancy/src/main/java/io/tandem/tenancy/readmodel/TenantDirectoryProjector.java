package io.tandem.tenancy.readmodel;

import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.projection.ProjectionDelivery;
import io.tandem.tenancy.contract.TenantSignedUp;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Maintains {@code tenant_directory}: one row per tenant. A sign-up always brings its owner, so a
 * new tenant starts with one member.
 */
@MessageDriven(
        name = TenantDirectoryProjector.NAME,
        activationConfig = {
            @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/topic/tandem-events"),
            @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
            @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "Durable"),
            @ActivationConfigProperty(propertyName = "clientId", propertyValue = "tandem-" + TenantDirectoryProjector.NAME),
            @ActivationConfigProperty(propertyName = "subscriptionName", propertyValue = TenantDirectoryProjector.NAME),
            @ActivationConfigProperty(propertyName = "shareSubscriptions", propertyValue = "true"),
            @ActivationConfigProperty(propertyName = "messageSelector", propertyValue = "aggregateType = 'Tenant'")
        })
public class TenantDirectoryProjector implements MessageListener {
    public static final String NAME = "tenant-directory";

    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    @Inject
    ProjectionDelivery delivery;

    @Override
    public void onMessage(Message message) {
        delivery.deliver(NAME, message, this::apply);
    }

    void apply(RecordedEvent e) {
        if ("TenantSignedUp".equals(e.eventType())) {
            TenantSignedUp signedUp = e.payloadAs(TenantSignedUp.class);
            TenantDirectoryRow row = new TenantDirectoryRow();
            row.tenantId = signedUp.tenantId();
            row.name = signedUp.name();
            row.status = "active";
            row.memberCount = 1;
            row.createdAt = e.occurredAt();
            row.position = e.position();
            em.persist(row);
        }
    }
}
