package io.tandem.tenancy.readmodel;

import io.tandem.tenancy.contract.AuditEntryView;
import io.tandem.tenancy.contract.FetchAuditLog;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** The audit log from {@code tenant_audit_log}, newest first, paged by position (stable under appends). */
@Stateless
// Read-only, but in a transaction: its statements share one connection, bound to the tenant once.
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class FetchAuditLogHandler {
    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    public List<AuditEntryView> handle(FetchAuditLog q) {
        long before = q.beforePosition() <= 0 ? Long.MAX_VALUE : q.beforePosition();
        return em.createQuery("select a from AuditEntryRow a where a.position < :before order by a.position desc",
                        AuditEntryRow.class)
                .setParameter("before", before)
                .setMaxResults(q.limit())
                .getResultStream()
                .map(a -> new AuditEntryView(a.position, a.occurredAt, a.actor, a.commandId, a.action, a.subjectType,
                        a.subjectId, a.outcome, a.detail))
                .toList();
    }
}
