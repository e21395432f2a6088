package io.tandem.tenancy.readmodel;

import io.tandem.tenancy.contract.FetchMembers;
import io.tandem.tenancy.contract.MemberView;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** Members from {@code tenant_member_list}; Hibernate restricts the query to the bound tenant. */
@Stateless
// Read-only, but in a transaction: its statements share one connection, bound to the tenant once.
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class FetchMembersHandler {
    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    public List<MemberView> handle(FetchMembers q) {
        return em.createQuery("select m from MemberListRow m order by m.joinedAt, m.memberId", MemberListRow.class)
                .setFirstResult(q.offset())
                .setMaxResults(q.limit())
                .getResultStream()
                .map(m -> new MemberView(m.memberId, m.email, m.role, m.joinedAt, m.version))
                .toList();
    }
}
