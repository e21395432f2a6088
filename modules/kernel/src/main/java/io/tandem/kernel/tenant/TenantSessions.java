package io.tandem.kernel.tenant;

import io.tandem.kernel.schema.Databases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The second wall on PostgreSQL: row-level security policies on every tenant-owned table admit a
 * row only if its {@code tenant_id} equals the session setting {@code tandem.tenant} (or the
 * setting is the platform's nil id). This class sets and clears that setting on a connection.
 *
 * <p>Hibernate sets it for every connection it takes ({@link RowLevelSecurityConnections}); JDBC
 * code that reads or writes tenant-owned tables binds explicitly. Unset (NULL or empty) matches no
 * row, so a path that forgets fails closed. H2 has no row-level security: there, this does nothing
 * and Hibernate's tenant discriminator is the only wall.
 */
public final class TenantSessions {
    private static final Logger LOG = Logger.getLogger(TenantSessions.class.getName());

    private TenantSessions() {}

    /** Clears the setting again on close; use in try-with-resources after the connection. */
    public interface Binding extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Binds the connection to a tenant until the binding is closed, which puts back what was there
     * before: inside a JTA transaction this physical connection may also be the one Hibernate
     * holds for the session's tenant, and must go back to it.
     */
    public static Binding bind(Connection c, UUID tenantId) throws SQLException {
        if (!Databases.isPostgres(c)) {
            return () -> {};
        }
        String previous;
        try (PreparedStatement ps = c.prepareStatement("select current_setting('tandem.tenant', true)");
                java.sql.ResultSet rs = ps.executeQuery()) {
            rs.next();
            previous = rs.getString(1);
        }
        set(c, tenantId.toString());
        String restore = previous == null ? "" : previous;
        return () -> {
            try {
                set(c, restore);
            } catch (SQLException e) {
                LOG.log(Level.FINE, "could not restore tandem.tenant; the transaction's rollback will", e);
            }
        };
    }

    /** Sets the connection's tenant, for a holder that clears it itself when it gives the connection back. */
    public static void assign(Connection c, UUID tenantId) throws SQLException {
        if (Databases.isPostgres(c)) {
            set(c, tenantId.toString());
        }
    }

    /** Clears the setting, quietly: in an aborted transaction the rollback reverts it anyway. */
    public static void clear(Connection c) {
        try {
            if (Databases.isPostgres(c)) {
                set(c, "");
            }
        } catch (SQLException e) {
            LOG.log(Level.FINE, "could not clear tandem.tenant; the transaction's rollback will", e);
        }
    }

    private static void set(Connection c, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select set_config('tandem.tenant', ?, false)")) {
            ps.setString(1, value);
            ps.execute();
        }
    }
}
