package io.tandem.tenancy.readmodel;

import io.tandem.kernel.rejection.NotFound;
import io.tandem.tenancy.contract.FetchTenant;
import io.tandem.tenancy.contract.TenantView;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class FetchTenantHandler {
    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    public TenantView handle(FetchTenant q) {
        TenantDirectoryRow r = em.find(TenantDirectoryRow.class, q.tenantId());
        if (r == null) {
            throw new NotFound("tenantId", "tenant", q.tenantId());
        }
        return new TenantView(r.tenantId, r.name, r.status, r.memberCount, r.createdAt);
    }
}
