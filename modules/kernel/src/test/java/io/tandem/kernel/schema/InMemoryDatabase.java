package io.tandem.kernel.schema;

import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A fresh in-memory H2 database per call, with the kernel schema built by the same Flyway
 * migrations the server runs at startup. It lives as long as the JVM (DB_CLOSE_DELAY=-1), so a
 * test can open and close as many connections as it likes.
 */
public final class InMemoryDatabase {
    private InMemoryDatabase() {}

    public static DataSource withKernelSchema() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:kernel-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        dataSource.setPassword("");
        SchemaMigrations.migrate(dataSource, InMemoryDatabase.class.getClassLoader(), "kernel");
        return dataSource;
    }
}
