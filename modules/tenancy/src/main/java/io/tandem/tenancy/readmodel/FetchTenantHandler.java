package io.tandem.tenancy.readmodel;

import io.tandem.kernel.persistence.Rows;
import io.tandem.kernel.rejection.NotFound;
import io.tandem.tenancy.contract.FetchTenant;
import io.tandem.tenancy.contract.FetchTenantDirectory;
import io.tandem.tenancy.contract.TenantView;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** The tenant directory: a tenant's own view of itself, and the operator's list of all. */
@Stateless
// Read-only, but in a transaction: its statements share one connection, bound to the tenant once.
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class FetchTenantHandler {
    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    public TenantView handle(FetchTenant q) {
        TenantDirectoryRow r = Rows.byId(em, TenantDirectoryRow.class, q.tenantId());
        if (r == null || "closed".equals(r.status)) {
            throw new NotFound("tenantId", "tenant", q.tenantId());
        }
        // Counted from the member list, which the tenant binding restricts to the caller's tenant.
        long members = em.createQuery("select count(m) from MemberListRow m", Long.class).getSingleResult();
        return new TenantView(r.tenantId, r.name, r.status, r.plan, members, r.createdAt);
    }

    public List<TenantView> handle(FetchTenantDirectory q) {
        return em.createQuery("select r, (select count(m) from MemberListRow m where m.tenantId = r.tenantId)"
                        + " from TenantDirectoryRow r order by r.createdAt, r.tenantId", Object[].class)
                .setFirstResult(q.offset())
                .setMaxResults(q.limit())
                .getResultStream()
                .map(row -> {
                    TenantDirectoryRow r = (TenantDirectoryRow) row[0];
                    return new TenantView(r.tenantId, r.name, r.status, r.plan, (Long) row[1], r.createdAt);
                })
                .toList();
    }
}
