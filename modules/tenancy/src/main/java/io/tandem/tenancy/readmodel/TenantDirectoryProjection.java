package io.tandem.tenancy.readmodel;

import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.projection.Projection;
import io.tandem.kernel.projection.ReadModelTables;
import io.tandem.tenancy.contract.TenantClosed;
import io.tandem.tenancy.contract.TenantPlanChanged;
import io.tandem.tenancy.contract.TenantRenamed;
import io.tandem.tenancy.contract.TenantSignedUp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Set;

/**
 * The {@code tenant_directory} read model: one row per tenant, including closed ones (their row is
 * the directory's record that the tenant existed; its name is gone with the rest of its data).
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
    public boolean keepsClosedTenants() {
        return true;
    }

    @Override
    public void apply(RecordedEvent e, ReadModelTables tables) {
        String table = tables.of("tenant_directory");
        switch (e.eventType()) {
            case "TenantSignedUp" -> {
                TenantSignedUp signedUp = e.payloadAs(TenantSignedUp.class);
                em.createNativeQuery("insert into " + table + " (tenant_id, name, status, plan, created_at, global_position)"
                                + " values (?1, ?2, 'active', 'standard', ?3, ?4)")
                        .setParameter(1, signedUp.tenantId())
                        .setParameter(2, signedUp.name())
                        .setParameter(3, e.occurredAt())
                        .setParameter(4, e.position())
                        .executeUpdate();
            }
            case "TenantRenamed" -> update(table, "name", e.payloadAs(TenantRenamed.class).name(), e);
            case "TenantSuspended" -> update(table, "status", "suspended", e);
            case "TenantReactivated" -> update(table, "status", "active", e);
            case "TenantPlanChanged" -> update(table, "plan", e.payloadAs(TenantPlanChanged.class).plan(), e);
            case "TenantClosed" -> {
                // After a closing a rebuild finds only this event of the tenant, so the row is
                // written from it alone, the same way live and in a rebuild.
                TenantClosed closed = e.payloadAs(TenantClosed.class);
                em.createNativeQuery("delete from " + table + " where tenant_id = ?1").setParameter(1, e.tenantId()).executeUpdate();
                em.createNativeQuery("insert into " + table + " (tenant_id, name, status, plan, created_at, global_position)"
                                + " values (?1, 'closed tenant', 'closed', ?2, ?3, ?4)")
                        .setParameter(1, e.tenantId())
                        .setParameter(2, closed.plan())
                        .setParameter(3, closed.signedUpAt())
                        .setParameter(4, e.position())
                        .executeUpdate();
            }
            default -> {
                // no change to the directory
            }
        }
    }

    private void update(String table, String column, String value, RecordedEvent e) {
        em.createNativeQuery("update " + table + " set " + column + " = ?1, global_position = ?2 where tenant_id = ?3")
                .setParameter(1, value)
                .setParameter(2, e.position())
                .setParameter(3, e.tenantId())
                .executeUpdate();
    }
}
