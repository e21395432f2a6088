package io.tandem.kernel.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Which database the server runs on: PostgreSQL in production, H2 embedded. Code that takes a
 * PostgreSQL-only path (row-level security, table exchanges, one-statement appends) asks here. Its
 * own package, not the tenant's, so that the event log can ask without depending on tenancy.
 */
public final class Databases {
    // Package-private so that a test of a PostgreSQL-only path against a stand-in connection can say which it is.
    static volatile Boolean postgres;

    private Databases() {}

    /** Whether the database is known to be PostgreSQL already, without a connection to ask. */
    public static boolean knownToBePostgres() {
        return Boolean.TRUE.equals(postgres);
    }

    /** Whether the database is PostgreSQL (asked once; one datasource per server). */
    public static boolean isPostgres(Connection c) throws SQLException {
        Boolean known = postgres;
        if (known == null) {
            known = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
            postgres = known;
        }
        return known;
    }
}
