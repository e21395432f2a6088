package io.tandem.it;

import static io.tandem.it.TandemClient.awaitJson;
import static io.tandem.it.TandemClient.createProject;
import static io.tandem.it.TandemClient.signUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tandem.kernel.tenant.TenantSessions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The second wall, on PostgreSQL: row-level security on the tenant-owned tables, checked by
 * connecting as the server's own database role (TANDEM_DB_USER), below Hibernate. H2 has no
 * row-level security; on H2 this test does not apply (the tenant discriminator is the only wall
 * there, which the attack suite checks through the API on both databases).
 */
class RowLevelSecurityIT {
    static final List<String> TABLES = List.of("tracker_project", "tracker_task", "project_list", "task_board",
            "tenancy_member", "tenancy_api_key", "tenant_member_list", "tenant_api_key_list", "tenant_audit_log");

    static TandemClient.Tenant a;
    static TandemClient.Tenant b;

    @BeforeAll
    static void twoTenantsWithData() {
        assumeTrue("postgresql".equals(System.getProperty("tandem.db")), "row-level security exists on PostgreSQL only");
        a = signUp();
        b = signUp();
        for (TandemClient.Tenant t : List.of(a, b)) {
            var project = createProject(t, "RLS " + t.id());
            TandemClient.createTask(t, project.id(), "task of " + t.id());
            TandemClient.awaitBoard(t, project.id(), 1, 0, 0);
            awaitJson(t, "/api/audit", j -> !j.getList("items").isEmpty());
        }
    }

    static Connection connect() throws SQLException {
        return PostgresConnections.open();
    }

    static void bind(Connection c, String value) throws SQLException {
        setConfig(c, value, false);
    }

    static long count(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void theServersRoleIsSubjectToThePolicies() throws SQLException {
        try (Connection c = connect()) {
            assertThat(count(c, "select count(*) from pg_roles where rolname = current_user and (rolsuper or rolbypassrls)"))
                    .as("a superuser or BYPASSRLS role would skip every policy").isZero();
            for (String table : TABLES) {
                assertThat(count(c, "select count(*) from pg_class where relname = ? and relrowsecurity and relforcerowsecurity",
                        table)).as(table + " has forced row-level security").isOne();
            }
        }
    }

    @Test
    void withoutATenantNoRowIsVisible() throws SQLException {
        try (Connection c = connect()) {
            for (String table : TABLES) {
                assertThat(count(c, "select count(*) from " + table)).as(table).isZero();
            }
            bind(c, "");
            assertThat(count(c, "select count(*) from task_board")).isZero();
        }
    }

    @Test
    void aTenantSeesOnlyItsOwnRowsEvenWhenAskingForAnothers() throws SQLException {
        try (Connection c = connect()) {
            bind(c, a.id().toString());
            for (String table : TABLES) {
                assertThat(count(c, "select count(*) from " + table + " where tenant_id = ?", b.id())).as(table).isZero();
                assertThat(count(c, "select count(*) from " + table + " where tenant_id <> ?", a.id())).as(table).isZero();
                assertThat(count(c, "select count(*) from " + table + " where tenant_id = ?", a.id())).as(table).isPositive();
            }
        }
    }

    @Test
    void aTenantCannotWriteAnotherTenantsRows() throws SQLException {
        try (Connection c = connect()) {
            bind(c, a.id().toString());
            try (PreparedStatement ps = c.prepareStatement("update tracker_project set name = 'stolen' where tenant_id = ?")) {
                ps.setObject(1, b.id());
                assertThat(ps.executeUpdate()).isZero();
            }
            try (PreparedStatement ps = c.prepareStatement("delete from task_board where tenant_id = ?")) {
                ps.setObject(1, b.id());
                assertThat(ps.executeUpdate()).isZero();
            }
            assertThatThrownBy(() -> {
                try (PreparedStatement ps = c.prepareStatement("insert into tenant_audit_log (tenant_id, global_position,"
                        + " occurred_at, actor, command_id, action, subject_type, subject_id, outcome)"
                        + " values (?, -1, now(), 'x', ?, 'x', 'x', ?, 'accepted')")) {
                    ps.setObject(1, b.id());
                    ps.setObject(2, UUID.randomUUID());
                    ps.setObject(3, UUID.randomUUID());
                    ps.executeUpdate();
                }
            }).isInstanceOf(SQLException.class).hasMessageContaining("row-level security");
        }
        try (Connection c = connect()) {
            bind(c, "00000000-0000-0000-0000-000000000000");
            assertThat(count(c, "select count(*) from tracker_project where tenant_id = ? and name = 'stolen'", b.id())).isZero();
            assertThat(count(c, "select count(*) from task_board where tenant_id in (?, ?)", a.id(), b.id())).isEqualTo(2);
        }
    }

    /**
     * The server sets a connection's tenant for its transaction only, and gives Hibernate's
     * connection back without clearing it (kernel {@code TenantSessions}): the setting must admit
     * the tenant's rows while the transaction runs and be gone, failing closed, when it commits or
     * rolls back, before the pool hands the connection on.
     */
    @Test
    void aTenantSetForATransactionEndsWithIt() throws SQLException {
        try (Connection c = connect()) {
            for (boolean commit : List.of(true, false)) {
                c.setAutoCommit(false);
                assertThat(TenantSessions.assign(c, a.id())).as("the setting ends with the transaction").isTrue();
                assertThat(count(c, "select count(*) from tracker_project where tenant_id = ?", a.id())).isPositive();
                try (var bound = TenantSessions.bind(c, b.id())) {
                    assertThat(count(c, "select count(*) from tracker_project where tenant_id = ?", a.id())).isZero();
                }
                assertThat(count(c, "select count(*) from tracker_project where tenant_id = ?", a.id()))
                        .as("the binding put the transaction's tenant back").isPositive();
                if (commit) {
                    c.commit();
                } else {
                    c.rollback();
                }
                c.setAutoCommit(true);
                assertThat(setting(c)).as(commit ? "after a commit" : "after a rollback").isNullOrEmpty();
                assertThat(count(c, "select count(*) from tracker_project")).isZero();
            }
            assertThat(TenantSessions.assign(c, a.id())).as("outside a transaction the setting stays").isFalse();
            assertThat(setting(c)).isEqualTo(a.id().toString());
            TenantSessions.clear(c);
            assertThat(setting(c)).isEmpty();
        }
    }

    /** The rules for set_config that the kernel's unit tests model (their FakePostgresSession). */
    @Test
    void setConfigKeepsTheRulesTheUnitTestsModel() throws SQLException {
        try (Connection c = connect()) {
            setConfig(c, "one", true);
            assertThat(setting(c)).as("a transaction's own setting outside one lasts one statement").isNullOrEmpty();
            c.setAutoCommit(false);
            setConfig(c, "two", false);
            c.rollback();
            assertThat(setting(c)).as("a rollback takes back the session's setting made in it").isNullOrEmpty();
            setConfig(c, "three", false);
            setConfig(c, "four", true);
            assertThat(setting(c)).isEqualTo("four");
            c.commit();
            assertThat(setting(c)).as("a commit keeps the session's setting made in it").isEqualTo("three");
            c.setAutoCommit(true);
            setConfig(c, "", false);
        }
    }

    static void setConfig(Connection c, String value, boolean local) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select set_config('tandem.tenant', ?, " + local + ")")) {
            ps.setString(1, value);
            ps.execute();
        }
    }

    static String setting(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select current_setting('tandem.tenant', true)");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * Several tenants write at once, so the relay's passes, and the messages it packs from them,
     * hold events of several. A projector applies such a message in one transaction as platform
     * work, each row under its own event's tenant: every board must converge, and the server must
     * never have been refused by a policy on the way (a mixed message applied under one tenant's
     * setting would be, and would only recover by falling back to one transaction per event).
     */
    @Test
    void tenantsWritingAtOnceAreProjectedUnderTheirOwnTenant() throws Exception {
        int tasks = 15;
        List<TandemClient.Tenant> tenants = new java.util.ArrayList<>();
        List<java.util.UUID> projects = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            TandemClient.Tenant t = signUp();
            tenants.add(t);
            projects.add(createProject(t, "Concurrent " + i).id());
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(tenants.size());
        try {
            List<java.util.concurrent.Future<?>> writers = new java.util.ArrayList<>();
            for (int i = 0; i < tenants.size(); i++) {
                TandemClient.Tenant t = tenants.get(i);
                java.util.UUID project = projects.get(i);
                writers.add(pool.submit(() -> {
                    for (int n = 0; n < tasks; n++) {
                        TandemClient.createTask(t, project, "task " + n);
                    }
                }));
            }
            for (var w : writers) {
                w.get();
            }
        } finally {
            pool.shutdown();
        }
        for (int i = 0; i < tenants.size(); i++) {
            TandemClient.awaitBoard(tenants.get(i), projects.get(i), tasks, 0, 0);
        }
        java.nio.file.Path log = java.nio.file.Path.of(System.getProperty("tandem.it.base-dir"), "log", "server.log");
        List<String> refused;
        // Latin-1 reads any byte: a log line need not be valid UTF-8.
        try (var lines = java.nio.file.Files.lines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            refused = lines.filter(l -> l.contains("violates row-level security policy")).limit(3).toList();
        }
        assertThat(refused).as("policy refusals in " + log).isEmpty();
    }
}
