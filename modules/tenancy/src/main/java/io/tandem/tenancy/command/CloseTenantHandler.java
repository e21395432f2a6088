package io.tandem.tenancy.command;

import io.tandem.kernel.command.Receipt;
import io.tandem.kernel.event.EventLog;
import io.tandem.kernel.tenant.TenantClosures;
import io.tandem.tenancy.contract.CloseTenant;
import io.tandem.tenancy.contract.TenantClosed;
import io.tandem.tenancy.credentials.CredentialsChanged;
import io.tandem.tenancy.domain.Members;
import io.tandem.tenancy.domain.Tenant;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Closes a tenant: locks it, records the closing, exports everything the tenant has and erases it,
 * all in this one transaction. The closing event stays in the log as the tenant's tombstone.
 */
@Stateless
public class CloseTenantHandler {
    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    @Inject
    EventLog eventLog;

    @Inject
    TenantClosures closures;

    @Inject
    Event<CredentialsChanged> credentialsChanged;

    public void handle(@Observes CloseTenant cmd) {
        Tenant tenant = Members.lockTenant(em, cmd.context().tenantId());
        long version = tenant.close(cmd.confirmName());
        em.flush();
        cmd.export().set(closures.export(tenant.id()));
        Receipt closing = eventLog.record(cmd.context(), Tenant.TYPE, tenant.id(), version, new TenantClosed(tenant.id(), tenant.createdAt(), tenant.plan()));
        closures.erase(tenant.id(), closing.position(), tenant.id());
        credentialsChanged.fire(new CredentialsChanged(tenant.id()));
    }
}
