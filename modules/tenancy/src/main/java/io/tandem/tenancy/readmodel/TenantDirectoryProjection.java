package io.tandem.tenancy.readmodel;

import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.projection.Projection;
import io.tandem.tenancy.contract.TenantSignedUp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Set;

/**
 * The {@code tenant_directory} read model: one row per tenant. A sign-up always brings its owner,
 * so a new tenant starts with one member.
 */
@ApplicationScoped
public class TenantDirectoryProjection implements Projection {
    public static final String NAME = "tenant-directory";

    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> aggregateTypes() {
        return Set.of("Tenant");
    }

    @Override
    public void apply(RecordedEvent e) {
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
