package io.tandem.kernel.tenant;

import java.util.UUID;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

/**
 * Hands Hibernate the tenant bound to the thread ({@link CurrentTenant}). Every entity with a
 * {@code @TenantId} attribute then gets that tenant on insert and a {@code tenant_id = ?}
 * restriction on every query, so a handler or query cannot forget it. Named in each context's
 * persistence.xml ({@code hibernate.tenant_identifier_resolver}).
 */
public class TenantIdentifierResolver implements CurrentTenantIdentifierResolver<UUID> {
    @Override
    public UUID resolveCurrentTenantIdentifier() {
        UUID bound = CurrentTenant.get();
        return bound == null ? CurrentTenant.NOBODY : bound;
    }

    @Override
    public boolean validateExistingCurrentSessions() {
        return false;
    }

    @Override
    public boolean isRoot(UUID tenantId) {
        return CurrentTenant.PLATFORM.equals(tenantId);
    }
}
