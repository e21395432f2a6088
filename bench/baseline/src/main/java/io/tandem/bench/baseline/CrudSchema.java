package io.tandem.bench.baseline;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Creates {@code crud_task} when the WAR deploys, guarded so that a second start (or a database
 * the table survived in) is fine, and remembers whether the database is PostgreSQL.
 *
 * <p>Plain DDL rather than Hibernate's schema generation: Tandem's tables belong to Flyway and the
 * baseline must not touch them, and the index matches the tracker's so the insert maintains the
 * same structures. No foreign key to {@code tracker_project}: Tandem erases a closing tenant's
 * projects, and a benchmark table must not be able to block that. Flyway in the EAR baselines a
 * non-empty schema, so it does not matter which deployment creates its tables first.
 */
@ApplicationScoped
public class CrudSchema {
    private static final Logger LOG = Logger.getLogger(CrudSchema.class.getName());

    static final String[] DDL = {
        """
        create table if not exists crud_task (
            id          uuid primary key,
            tenant_id   uuid          not null,
            project_id  uuid          not null,
            title       varchar(200)  not null,
            description varchar(10000),
            status      varchar(16)   not null,
            version     bigint        not null,
            created_at  timestamp with time zone not null,
            priority    varchar(8)    default 'normal' not null
        )""",
        "create index if not exists crud_task_project on crud_task (tenant_id, project_id)"
    };

    @Resource(lookup = "java:jboss/datasources/TandemDS")
    DataSource dataSource;

    private volatile boolean postgres;

    void onDeploy(@Observes @Initialized(ApplicationScoped.class) Object deployed) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            postgres = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
            for (String ddl : DDL) {
                s.execute(ddl);
            }
        }
        LOG.info(() -> "crud_task ready (" + (postgres ? "PostgreSQL: the board sets tandem.tenant" : "not PostgreSQL") + ")");
    }

    /** Whether the tracker's tables have row-level security, so the board must set the tenant. */
    boolean postgres() {
        return postgres;
    }
}
