package io.tandem.tenancy.readmodel;

import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.projection.Projection;
import io.tandem.kernel.projection.ReadModelTables;
import io.tandem.tenancy.contract.TenantSignedUp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
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
    public List<String> tables() {
        return List.of("tenant_directory");
    }

    @Override
    public void apply(RecordedEvent e, ReadModelTables tables) {
        if ("TenantSignedUp".equals(e.eventType())) {
            TenantSignedUp signedUp = e.payloadAs(TenantSignedUp.class);
            em.createNativeQuery("insert into " + tables.of("tenant_directory") + " (tenant_id, name, status, member_count,"
                            + " created_at, global_position) values (?1, ?2, 'active', 1, ?3, ?4)")
                    .setParameter(1, signedUp.tenantId())
                    .setParameter(2, signedUp.name())
                    .setParameter(3, e.occurredAt())
                    .setParameter(4, e.position())
                    .executeUpdate();
        }
    }
}
