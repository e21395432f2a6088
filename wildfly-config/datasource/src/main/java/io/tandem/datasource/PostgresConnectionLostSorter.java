package io.tandem.datasource;

import java.sql.SQLException;
import org.jboss.jca.adapters.jdbc.spi.ExceptionSorter;

/**
 * Tells the connection pool which errors leave a PostgreSQL connection unusable, so that the pool
 * destroys it and applies its flush strategy (the idle connections: after a database restart they
 * are all dead) instead of handing it out again.
 *
 * <p>WildFly's own PostgreSQLExceptionSorter knows only 08006 (an I/O error on the socket). A
 * session that PostgreSQL terminated (a restart, a failover, {@code pg_terminate_backend}) first
 * answers 57P01, and the driver then reports 08003 (connection closed) on every later use: with
 * that sorter such a connection went back into the pool and failed one request after another until
 * the pool's background check found it (DatabaseConnectionsLostIT saw 19 failed requests with 10
 * connections). Connection exceptions (class 08) and the three ways a server ends a session
 * (57P01 administrator command, 57P02 crash shutdown, 57P03 cannot connect now) are fatal; a
 * statement PostgreSQL cancelled (57014) or any other error is not.
 */
public class PostgresConnectionLostSorter implements ExceptionSorter {

    @Override
    public boolean isExceptionFatal(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }
}
