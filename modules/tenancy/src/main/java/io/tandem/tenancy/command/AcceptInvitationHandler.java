package io.tandem.tenancy.command;

import io.tandem.kernel.event.EventLog;
import io.tandem.kernel.rejection.Duplicate;
import io.tandem.kernel.rejection.NotFound;
import io.tandem.tenancy.contract.AcceptInvitation;
import io.tandem.tenancy.contract.ApiKeyIssued;
import io.tandem.tenancy.contract.InvitationAccepted;
import io.tandem.tenancy.contract.MemberJoined;
import io.tandem.tenancy.domain.ApiKey;
import io.tandem.tenancy.domain.Invitation;
import io.tandem.tenancy.domain.Member;
import io.tandem.tenancy.domain.Members;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;

/**
 * Joins the tenant an invitation token names. The invitee becomes a member with the invited role
 * and gets a first API key. A person removed earlier comes back under their old member id.
 */
@Stateless
public class AcceptInvitationHandler {
    static final String FIRST_KEY_NAME = "invitation";

    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    @Inject
    EventLog eventLog;

    public void handle(@Observes AcceptInvitation cmd) {
        var ctx = cmd.context();
        var tenant = Members.lockTenant(em, ctx.tenantId());
        Invitation invitation = em.createQuery("select i from Invitation i where i.tokenHash = :hash", Invitation.class)
                .setParameter("hash", cmd.tokenHash())
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new NotFound("token", "invitation", "for this token"));
        Instant now = Instant.now();
        Optional<Member> earlier = em.createQuery("select m from Member m where lower(m.email) = lower(:email)", Member.class)
                .setParameter("email", invitation.email())
                .getResultStream()
                .findFirst();
        if (earlier.isPresent() && earlier.get().active()) {
            throw new Duplicate("token", "the invited email is already a member of this tenant");
        }
        Member member;
        long memberVersion;
        if (earlier.isPresent()) {
            member = earlier.get();
            memberVersion = member.rejoin(invitation.role());
        } else {
            member = new Member(cmd.memberId(), tenant.id(), invitation.email(), invitation.role(), now);
            em.persist(member);
            memberVersion = 1;
        }
        long invitationVersion = invitation.accept(member.id(), now);
        em.persist(ApiKey.firstOf(cmd.apiKeyId(), tenant.id(), member.id(), FIRST_KEY_NAME, cmd.keyPrefix(), cmd.keyHash(),
                invitation.role(), now));
        eventLog.record(ctx, Invitation.TYPE, invitation.id(), invitationVersion,
                new InvitationAccepted(invitation.id(), member.id()));
        eventLog.record(ctx, ApiKey.TYPE, cmd.apiKeyId(), 1,
                new ApiKeyIssued(cmd.apiKeyId(), member.id(), cmd.keyPrefix(), invitation.role(), FIRST_KEY_NAME, null));
        eventLog.record(ctx, Member.TYPE, member.id(), memberVersion,
                new MemberJoined(member.id(), invitation.email(), invitation.role()));
    }
}
