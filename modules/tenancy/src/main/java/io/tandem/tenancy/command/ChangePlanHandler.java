package io.tandem.tenancy.command;

import io.tandem.kernel.event.EventLog;
import io.tandem.tenancy.contract.ChangePlan;
import io.tandem.tenancy.contract.TenantPlanChanged;
import io.tandem.tenancy.credentials.CredentialsChanged;
import io.tandem.tenancy.domain.Members;
import io.tandem.tenancy.domain.Tenant;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

@Stateless
public class ChangePlanHandler {
    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    @Inject
    EventLog eventLog;

    @Inject
    Event<CredentialsChanged> credentialsChanged;

    public void handle(@Observes ChangePlan cmd) {
        Tenant tenant = Members.lockTenantInAnyState(em, cmd.context().tenantId());
        long version = tenant.changePlan(cmd.plan());
        eventLog.record(cmd.context(), Tenant.TYPE, tenant.id(), version, new TenantPlanChanged(tenant.id(), cmd.plan()));
        credentialsChanged.fire(new CredentialsChanged(tenant.id()));
    }
}
