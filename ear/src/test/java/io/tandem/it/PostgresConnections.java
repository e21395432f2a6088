package io.tandem.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A plain JDBC connection to the PostgreSQL database the integration-test server uses, as the
 * server's own role: the same {@code TANDEM_DB_*} variables the server reads, with CI's defaults.
 */
public final class PostgresConnections {
    private PostgresConnections() {}

    public static Connection open() throws SQLException {
        return DriverManager.getConnection(
                System.getenv().getOrDefault("TANDEM_DB_URL", "jdbc:postgresql://127.0.0.1:5432/tandem"),
                System.getenv().getOrDefault("TANDEM_DB_USER", "tandem"),
                System.getenv().getOrDefault("TANDEM_DB_PASSWORD", "tandem"));
    }
}
