package io.tandem.tenancy.command;

import io.tandem.kernel.event.EventLog;
import io.tandem.tenancy.contract.ChangeMemberRole;
import io.tandem.tenancy.contract.MemberRoleChanged;
import io.tandem.tenancy.contract.Role;
import io.tandem.tenancy.credentials.CredentialsChanged;
import io.tandem.tenancy.domain.Member;
import io.tandem.tenancy.domain.Members;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

@Stateless
public class ChangeMemberRoleHandler {
    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    @Inject
    EventLog eventLog;

    @Inject
    Event<CredentialsChanged> credentialsChanged;

    public void handle(@Observes ChangeMemberRole cmd) {
        Members.lockTenant(em, cmd.context().tenantId());
        Member member = Members.active(em, cmd.memberId());
        Members.requireMayTouch(cmd.changerRole(), member, cmd.role());
        if (cmd.role() != Role.OWNER) {
            Members.requireAnotherOwner(em, member);
        }
        long version = member.changeRole(cmd.role());
        eventLog.record(cmd.context(), Member.TYPE, member.id(), version, new MemberRoleChanged(member.id(), cmd.role()));
        credentialsChanged.fire(new CredentialsChanged(cmd.context().tenantId()));
    }
}
