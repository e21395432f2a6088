package io.tandem.tenancy.readmodel;

import io.tandem.tenancy.contract.ApiKeyView;
import io.tandem.tenancy.contract.FetchApiKeys;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** API keys from {@code tenant_api_key_list}; Hibernate restricts the query to the bound tenant. */
@Stateless
// Read-only, but in a transaction: its statements share one connection, bound to the tenant once.
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class FetchApiKeysHandler {
    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    public List<ApiKeyView> handle(FetchApiKeys q) {
        return em.createQuery("select k from ApiKeyListRow k order by k.createdAt desc, k.apiKeyId", ApiKeyListRow.class)
                .setFirstResult(q.offset())
                .setMaxResults(q.limit())
                .getResultStream()
                .map(k -> new ApiKeyView(k.apiKeyId, k.memberId, k.prefix, k.name, k.role, k.createdAt, k.expiresAt, k.revokedAt))
                .toList();
    }
}
