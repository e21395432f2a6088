package io.tandem.kernel.tenant;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import java.util.WeakHashMap;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.hibernate.engine.jdbc.connections.spi.MultiTenantConnectionProvider;

/**
 * Hibernate's connections for a tenant: TandemDS connections with {@code tandem.tenant} set to the
 * session's tenant (see {@link TenantSessions}) while Hibernate holds them. Inside a transaction the
 * setting ends with it and release leaves it alone; a setting made outside one is cleared on
 * release. So on PostgreSQL every statement Hibernate runs, queries and native SQL alike, is also
 * checked by the row-level security policies, not only by the {@code @TenantId} restriction
 * Hibernate adds itself.
 * Named in each context's persistence.xml ({@code hibernate.multi_tenant_connection_provider}).
 */
public class RowLevelSecurityConnections implements MultiTenantConnectionProvider<UUID> {
    static final String DATASOURCE = "java:jboss/datasources/TandemDS";

    private transient volatile DataSource dataSource;

    /**
     * The handles out now whose setting ends with their transaction. Any other handle is cleared
     * on release, so a handle missing here costs a round trip, never a tenant left on a pooled
     * connection. Weak, so a handle Hibernate never gives back is not kept. Keyed by the handle's
     * identity: IronJacamar's handles ({@code WrappedConnection}, ironjacamar-jdbc 3.0.18 in
     * WildFly 39) keep Object's equals and hashCode, and answer {@code getAutoCommit()} false
     * while enlisted in a JTA transaction.
     */
    private final Map<Connection, Boolean> endingWithTransaction = Collections.synchronizedMap(new WeakHashMap<>());

    public RowLevelSecurityConnections() {}

    RowLevelSecurityConnections(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    private DataSource dataSource() {
        DataSource ds = dataSource;
        if (ds == null) {
            try {
                ds = (DataSource) new InitialContext().lookup(DATASOURCE);
            } catch (NamingException e) {
                throw new IllegalStateException("no datasource " + DATASOURCE, e);
            }
            dataSource = ds;
        }
        return ds;
    }

    @Override
    public Connection getAnyConnection() throws SQLException {
        return dataSource().getConnection();
    }

    @Override
    public void releaseAnyConnection(Connection connection) throws SQLException {
        connection.close();
    }

    @Override
    public Connection getConnection(UUID tenantId) throws SQLException {
        Connection c = dataSource().getConnection();
        try {
            if (TenantSessions.assign(c, tenantId)) {
                endingWithTransaction.put(c, Boolean.TRUE);
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    @Override
    public void releaseConnection(UUID tenantId, Connection connection) throws SQLException {
        try {
            if (endingWithTransaction.remove(connection) == null) {
                TenantSessions.clear(connection);
            }
        } finally {
            connection.close();
        }
    }

    @Override
    public boolean supportsAggressiveRelease() {
        return true;
    }

    @Override
    public boolean isUnwrappableAs(Class<?> unwrapType) {
        return unwrapType.isInstance(this);
    }

    @Override
    public <T> T unwrap(Class<T> unwrapType) {
        return unwrapType.cast(this);
    }
}
