package io.tandem.kernel.schema;

import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the database schema up to date at startup, one Flyway history per owner (the kernel and
 * each bounded context), so a context's migrations live in its own module and number on their own.
 * Scripts are under {@code db/<owner>/} and use SQL that both H2 and PostgreSQL accept.
 */
public final class SchemaMigrations {
    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());

    private SchemaMigrations() {}

    public static void migrate(DataSource dataSource, ClassLoader loader, String... owners) {
        for (String owner : owners) {
            var result = Flyway.configure(loader)
                    .dataSource(dataSource)
                    .locations("classpath:db/" + owner)
                    .table("schema_history_" + owner)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
            LOG.info(() -> "schema of " + owner + ": " + result.migrationsExecuted + " migration(s) applied, now at "
                    + result.targetSchemaVersion);
        }
    }
}
