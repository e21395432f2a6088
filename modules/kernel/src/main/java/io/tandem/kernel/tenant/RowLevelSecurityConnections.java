package io.tandem.kernel.tenant;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.hibernate.engine.jdbc.connections.spi.MultiTenantConnectionProvider;

/**
 * Hibernate's connections for a tenant: TandemDS connections with {@code tandem.tenant} set to the
 * session's tenant (see {@link TenantSessions}) while Hibernate holds them, cleared on release. So
 * on PostgreSQL every statement Hibernate runs, queries and native SQL alike, is also checked by the
 * row-level security policies, not only by the {@code @TenantId} restriction Hibernate adds itself.
 * Named in each context's persistence.xml ({@code hibernate.multi_tenant_connection_provider}).
 */
public class RowLevelSecurityConnections implements MultiTenantConnectionProvider<UUID> {
    static final String DATASOURCE = "java:jboss/datasources/TandemDS";

    private transient volatile DataSource dataSource;

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
            TenantSessions.assign(c, tenantId);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    @Override
    public void releaseConnection(UUID tenantId, Connection connection) throws SQLException {
        try {
            TenantSessions.clear(connection);
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
