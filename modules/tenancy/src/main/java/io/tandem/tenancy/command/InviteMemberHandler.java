package io.tandem.tenancy.command;

import io.tandem.kernel.event.EventLog;
import io.tandem.kernel.rejection.Duplicate;
import io.tandem.kernel.rejection.Forbidden;
import io.tandem.tenancy.contract.InviteMember;
import io.tandem.tenancy.contract.MemberInvited;
import io.tandem.tenancy.domain.Invitation;
import io.tandem.tenancy.domain.Members;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

@Stateless
public class InviteMemberHandler {
    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    @Inject
    EventLog eventLog;

    public void handle(@Observes InviteMember cmd) {
        var tenant = Members.lockTenant(em, cmd.context().tenantId());
        if (!cmd.inviterRole().includes(cmd.role())) {
            throw new Forbidden("role", "an invitation cannot grant more than the inviter's own role");
        }
        boolean alreadyMember = em.createQuery(
                        "select count(m) from Member m where lower(m.email) = lower(:email) and m.removedAt is null", Long.class)
                .setParameter("email", cmd.email())
                .getSingleResult() > 0;
        if (alreadyMember) {
            throw new Duplicate("email", "a member with this email is already in the tenant");
        }
        em.persist(new Invitation(cmd.invitationId(), tenant.id(), cmd.email(), cmd.role(), cmd.tokenHash(),
                cmd.expiresAt(), Instant.now()));
        eventLog.record(cmd.context(), Invitation.TYPE, cmd.invitationId(), 1,
                new MemberInvited(cmd.invitationId(), cmd.email(), cmd.role(), cmd.expiresAt()));
    }

}
