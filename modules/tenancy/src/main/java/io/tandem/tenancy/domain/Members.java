package io.tandem.tenancy.domain;

import io.tandem.kernel.persistence.Rows;
import io.tandem.kernel.rejection.Forbidden;
import io.tandem.kernel.rejection.NotFound;
import io.tandem.kernel.rejection.RuleViolated;
import io.tandem.tenancy.contract.Role;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.UUID;

/**
 * Membership rules that span members: who may touch an owner, and that a tenant keeps one. Every
 * query here is restricted to the current tenant by Hibernate ({@code @TenantId}), not by hand.
 */
public final class Members {
    private Members() {}

    /**
     * Locks the tenant row so that membership changes of one tenant happen one at a time: two
     * owners demoting each other at once must not leave the tenant without one.
     */
    public static Tenant lockTenant(EntityManager em, UUID tenantId) {
        Tenant tenant = lockTenantInAnyState(em, tenantId);
        if (!tenant.active()) {
            throw new NotFound("tenantId", "tenant", tenantId);
        }
        return tenant;
    }

    /** The tenant row, locked, whatever its state: for the operator, who also acts on suspended tenants. */
    public static Tenant lockTenantInAnyState(EntityManager em, UUID tenantId) {
        Tenant tenant = Rows.byId(em, Tenant.class, tenantId, LockModeType.PESSIMISTIC_WRITE);
        if (tenant == null) {
            throw new NotFound("tenantId", "tenant", tenantId);
        }
        return tenant;
    }

    public static Member active(EntityManager em, UUID memberId) {
        return em.createQuery("select m from Member m where m.id = :id and m.removedAt is null", Member.class)
                .setParameter("id", memberId)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new NotFound("memberId", "member", memberId));
    }

    /** Only an owner grants, changes or removes the owner role. */
    public static void requireMayTouch(Role actorRole, Member target, Role newRole) {
        boolean ownerInvolved = target.role() == Role.OWNER || newRole == Role.OWNER;
        if (ownerInvolved && actorRole != Role.OWNER) {
            throw new Forbidden("memberId", "only an owner may make, change or remove an owner");
        }
    }

    /** A change that takes the owner role from {@code target} needs another owner to remain. */
    public static void requireAnotherOwner(EntityManager em, Member target) {
        if (target.role() != Role.OWNER) {
            return;
        }
        long owners = em.createQuery(
                        "select count(m) from Member m where m.role = :owner and m.removedAt is null", Long.class)
                .setParameter("owner", Role.OWNER)
                .getSingleResult();
        if (owners <= 1) {
            throw new RuleViolated("memberId", "a tenant keeps at least one owner; make another owner first");
        }
    }
}
