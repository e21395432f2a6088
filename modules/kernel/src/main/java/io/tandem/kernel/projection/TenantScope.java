package io.tandem.kernel.projection;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * Which tenants an operation covers: one tenant (its admins) or all of them (the platform
 * operator). Renders as a SQL condition on a {@code tenant_id} column and binds its parameter.
 */
public record TenantScope(UUID tenantId) {
    public static final TenantScope ALL = new TenantScope(null);

    public static TenantScope of(UUID tenantId) {
        return new TenantScope(java.util.Objects.requireNonNull(tenantId));
    }

    public Optional<UUID> tenant() {
        return Optional.ofNullable(tenantId);
    }

    public boolean all() {
        return tenantId == null;
    }

    /** {@code <column> = ?} for one tenant, a condition that holds for every row for all. */
    public String condition(String column) {
        return tenantId == null ? "1 = 1" : column + " = ?";
    }

    /** Binds the condition's parameter, if it has one, at {@code index}; returns the next index. */
    public int bind(PreparedStatement ps, int index) throws SQLException {
        if (tenantId == null) {
            return index;
        }
        ps.setObject(index, tenantId);
        return index + 1;
    }

    /** A key for in-memory bookkeeping (floors, rebuilds). */
    public String key() {
        return tenantId == null ? "*" : tenantId.toString();
    }
}
