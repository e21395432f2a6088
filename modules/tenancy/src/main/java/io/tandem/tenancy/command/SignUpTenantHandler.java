package io.tandem.tenancy.command;

import io.tandem.kernel.event.EventLog;
import io.tandem.tenancy.contract.ApiKeyIssued;
import io.tandem.tenancy.contract.MemberJoined;
import io.tandem.tenancy.contract.Role;
import io.tandem.tenancy.contract.SignUpTenant;
import io.tandem.tenancy.contract.TenantSignedUp;
import io.tandem.tenancy.domain.ApiKey;
import io.tandem.tenancy.domain.Member;
import io.tandem.tenancy.domain.Tenant;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

@Stateless
public class SignUpTenantHandler {
    static final String FIRST_KEY_NAME = "sign-up";

    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    @Inject
    EventLog eventLog;

    public void handle(@Observes SignUpTenant cmd) {
        var ctx = cmd.context();
        var tenantId = ctx.tenantId();
        var now = Instant.now();
        em.persist(new Tenant(tenantId, cmd.name(), now));
        em.persist(new Member(cmd.memberId(), tenantId, cmd.adminEmail(), Role.OWNER, now));
        em.persist(ApiKey.firstOf(cmd.apiKeyId(), tenantId, cmd.memberId(), FIRST_KEY_NAME, cmd.keyPrefix(), cmd.keyHash(),
                Role.OWNER, now));
        eventLog.record(ctx, ApiKey.TYPE, cmd.apiKeyId(), 1,
                new ApiKeyIssued(cmd.apiKeyId(), cmd.memberId(), cmd.keyPrefix(), Role.OWNER, FIRST_KEY_NAME, null));
        eventLog.record(ctx, Member.TYPE, cmd.memberId(), 1, new MemberJoined(cmd.memberId(), cmd.adminEmail(), Role.OWNER));
        // Last, so the receipt names the tenant: its position covers the two events before it.
        eventLog.record(ctx, Tenant.TYPE, tenantId, 1, new TenantSignedUp(tenantId, cmd.name()));
    }
}
