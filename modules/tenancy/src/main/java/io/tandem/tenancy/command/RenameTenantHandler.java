package io.tandem.tenancy.command;

import io.tandem.kernel.event.EventLog;
import io.tandem.tenancy.contract.RenameTenant;
import io.tandem.tenancy.contract.TenantRenamed;
import io.tandem.tenancy.domain.Members;
import io.tandem.tenancy.domain.Tenant;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

@Stateless
public class RenameTenantHandler {
    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    @Inject
    EventLog eventLog;

    public void handle(@Observes RenameTenant cmd) {
        Tenant tenant = Members.lockTenant(em, cmd.context().tenantId());
        long version = tenant.rename(cmd.name());
        eventLog.record(cmd.context(), Tenant.TYPE, tenant.id(), version, new TenantRenamed(tenant.id(), cmd.name()));
    }
}
