package io.tandem.tenancy.command;

import io.tandem.kernel.event.EventLog;
import io.tandem.tenancy.contract.ApiKeyRevoked;
import io.tandem.tenancy.contract.MemberRemoved;
import io.tandem.tenancy.contract.RemoveMember;
import io.tandem.tenancy.credentials.CredentialsChanged;
import io.tandem.tenancy.domain.ApiKey;
import io.tandem.tenancy.domain.Member;
import io.tandem.tenancy.domain.Members;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/** Removes a member; their API keys are revoked in the same transaction. */
@Stateless
public class RemoveMemberHandler {
    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    @Inject
    EventLog eventLog;

    @Inject
    Event<CredentialsChanged> credentialsChanged;

    public void handle(@Observes RemoveMember cmd) {
        Members.lockTenant(em, cmd.context().tenantId());
        Member member = Members.active(em, cmd.memberId());
        Members.requireMayTouch(cmd.removerRole(), member, member.role());
        Members.requireAnotherOwner(em, member);
        Instant now = Instant.now();
        for (ApiKey key : em.createQuery("select k from ApiKey k where k.memberId = :member", ApiKey.class)
                .setParameter("member", member.id())
                .getResultList()) {
            Long version = key.revoke(now);
            if (version != null) {
                eventLog.record(cmd.context(), ApiKey.TYPE, key.id(), version, new ApiKeyRevoked(key.id(), member.id()));
            }
        }
        long version = member.remove(now);
        eventLog.record(cmd.context(), Member.TYPE, member.id(), version, new MemberRemoved(member.id()));
        credentialsChanged.fire(new CredentialsChanged(cmd.context().tenantId()));
    }
}
