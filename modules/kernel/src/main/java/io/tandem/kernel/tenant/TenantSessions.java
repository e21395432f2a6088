package io.tandem.kernel.tenant;

import io.tandem.kernel.schema.Databases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
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
 *
 * <p>Inside a transaction every setting is the transaction's own and is recorded for it
 * ({@link TenantOfTransaction}): a holder asking for the tenant the connection carries already
 * sends nothing.
 */
public final class TenantSessions {
    private static final Logger LOG = Logger.getLogger(TenantSessions.class.getName());
    private static final String SET_LOCAL_TERM = "set_config('tandem.tenant', ?, true)";

    private TenantSessions() {}

    /** Clears the setting again on close; use in try-with-resources after the connection. */
    public interface Binding extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Binds the connection to a tenant until the binding is closed, which puts back what was there
     * before: inside a JTA transaction this physical connection may also be the one Hibernate
     * holds for the session's tenant, and must go back to it. Inside a transaction both the
     * binding and its restoring are the transaction's own (see {@link #assign}), so neither can
     * outlive it on a pooled connection.
     */
    public static Binding bind(Connection c, UUID tenantId) throws SQLException {
        if (!Databases.isPostgres(c)) {
            return () -> {};
        }
        boolean local = !c.getAutoCommit();
        String previous;
        try (PreparedStatement ps = c.prepareStatement("select current_setting('tandem.tenant', true)");
                java.sql.ResultSet rs = ps.executeQuery()) {
            rs.next();
            previous = rs.getString(1);
        }
        set(c, tenantId.toString(), local);
        String restore = previous == null ? "" : previous;
        return () -> {
            try {
                set(c, restore, local);
            } catch (SQLException e) {
                LOG.log(Level.FINE, "could not restore tandem.tenant; the transaction's rollback will", e);
            }
        };
    }

    /**
     * Sets the connection's tenant for a holder that gives the connection back itself. Inside a
     * transaction the setting is the transaction's own ({@code set_config}'s {@code is_local}):
     * PostgreSQL drops it at commit or rollback, before the pool can hand the connection to
     * anyone else, so the holder need not clear it, which saves a round trip per transaction. A
     * setting made outside one (autocommit) is the session's and stays until cleared.
     *
     * @return whether the setting ends with the transaction; if not, the holder must {@link #clear}
     *     the connection when it gives it back
     */
    public static boolean assign(Connection c, UUID tenantId) throws SQLException {
        if (!Databases.isPostgres(c)) {
            return false;
        }
        boolean local = !c.getAutoCommit();
        if (local && TenantOfTransaction.is(tenantId.toString())) {
            // The transaction's connection carries this tenant already: set along with a
            // projector's checkpoint claim, or by an earlier holder in the transaction.
            return true;
        }
        set(c, tenantId.toString(), local);
        return local;
    }

    /**
     * For JDBC code that sends a statement anyway and can set the tenant in the same round trip:
     * a select-list term that sets {@code tandem.tenant} for the transaction, with one parameter,
     * the tenant's id as text. Empty where it cannot be folded (not PostgreSQL, or not inside a
     * transaction). After the statement has run, call {@link #setAlong}.
     */
    public static Optional<String> foldedSetting(Connection c) throws SQLException {
        return Databases.isPostgres(c) && !c.getAutoCommit() ? Optional.of(SET_LOCAL_TERM) : Optional.empty();
    }

    /**
     * Records that a statement with the {@link #foldedSetting} term has just set the tenant for the
     * transaction, so that Hibernate's connection for the same tenant sends no setting of its own.
     * The caller must not hold the connection for anyone else at the time: the setting replaces
     * whatever was in force.
     */
    public static void setAlong(UUID tenantId) {
        TenantOfTransaction.record(tenantId.toString());
    }

    /** Clears the setting, quietly: in an aborted transaction the rollback reverts it anyway. */
    public static void clear(Connection c) {
        try {
            if (Databases.isPostgres(c)) {
                set(c, "", false);
            }
        } catch (SQLException e) {
            LOG.log(Level.FINE, "could not clear tandem.tenant; the transaction's rollback will", e);
        }
    }

    private static void set(Connection c, String value, boolean local) throws SQLException {
        // Forgotten first: if the statement fails, the record must not outlive what it described.
        TenantOfTransaction.forget();
        try (PreparedStatement ps = c.prepareStatement(
                local ? "select " + SET_LOCAL_TERM : "select set_config('tandem.tenant', ?, false)")) {
            ps.setString(1, value);
            ps.execute();
        }
        if (local) {
            TenantOfTransaction.record(value);
        }
    }
}
