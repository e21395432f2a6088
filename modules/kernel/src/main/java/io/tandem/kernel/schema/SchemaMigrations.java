package io.tandem.kernel.schema;

import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the database schema up to date at startup, one Flyway history per owner (the kernel and
 * each bounded context), so a context's migrations live in its own module and number on their own.
 * Scripts are under {@code db/<owner>/} and use SQL that both H2 and PostgreSQL accept; what only
 * PostgreSQL has (row-level security) is under {@code db/<owner>-postgresql/}, numbered in between
 * (3.1 after 3), and runs on PostgreSQL only.
 */
public final class SchemaMigrations {
    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());

    private SchemaMigrations() {}

    public static void migrate(DataSource dataSource, ClassLoader loader, String... owners) {
        boolean postgres = isPostgres(dataSource);
        for (String owner : owners) {
            String[] locations = postgres
                    ? new String[] {"classpath:db/" + owner, "classpath:db/" + owner + "-postgresql"}
                    : new String[] {"classpath:db/" + owner};
            var result = Flyway.configure(loader)
                    .dataSource(dataSource)
                    .locations(locations)
                    .table("schema_history_" + owner)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
            LOG.info(() -> "schema of " + owner + ": " + result.migrationsExecuted + " migration(s) applied, now at "
                    + result.targetSchemaVersion);
        }
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (java.sql.Connection c = dataSource.getConnection()) {
            return Databases.isPostgres(c);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot reach the database to migrate it", e);
        }
    }
}
