package io.tandem.tracker.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tandem.it.PostgresConnections;
import io.tandem.tracker.contract.ProjectCreated;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A project's creation and its first task's count, written to {@code project_list} by two
 * transactions at once (two message groups live, two lanes in a rebuild), as the projection writes
 * them on PostgreSQL. Neither row exists at first, so both insert: the second must wait for the
 * first and add to its row, not fail on the key (as a MERGE does) and be rolled back. Against the
 * database the server under test migrated, as its own role, with a project no test creates.
 */
class ProjectListUpsertOnPostgresIT {
    private final UUID tenant = UUID.randomUUID();
    private final UUID project = UUID.randomUUID();
    private final Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS).minusSeconds(60);
    private final ExecutorService second = Executors.newSingleThreadExecutor();
    private Connection first;
    private Connection other;

    @BeforeEach
    void twoTransactions() throws SQLException {
        assumeTrue("postgresql".equals(System.getProperty("tandem.db")),
                "the upsert waits for the other insert on PostgreSQL");
        first = inTenantTransaction();
        other = inTenantTransaction();
    }

    @AfterEach
    void cleanUp() throws SQLException {
        second.shutdownNow();
        if (first == null) {
            return;
        }
        first.rollback();
        other.rollback();
        try (PreparedStatement ps = first.prepareStatement("delete from project_list where project_id = ?")) {
            bindTenant(first);
            ps.setObject(1, project);
            ps.executeUpdate();
            first.commit();
        }
        first.close();
        other.close();
    }

    @ParameterizedTest(name = "the creation first: {0}")
    @ValueSource(booleans = {true, false})
    void theSecondInsertOfARowWaitsForTheFirstAndAddsToIt(boolean creationFirst) throws Exception {
        var creation = new ProjectListChanges.Change(project, tenant, new ProjectCreated(project, "UPS", "Upsert"), 1,
                createdAt, 0, 0, 10);
        var firstTask = new ProjectListChanges.Change(project, tenant, null, 0, createdAt.plusSeconds(5), 1, 0, 12);

        ProjectListProjection.write(first, "project_list", List.of(creationFirst ? creation : firstTask));
        int otherPid = pid(other);
        Future<?> waiting = second.submit(() -> {
            ProjectListProjection.write(other, "project_list", List.of(creationFirst ? firstTask : creation));
            return null;
        });
        // Only a second insert that waited on the first's key tests anything.
        try (Connection observer = inTenantTransaction()) {
            observer.setAutoCommit(true);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> waitsForALock(observer, otherPid) || waiting.isDone());
        }
        assertThat(waiting).as("the second insert waits for the first transaction").isNotDone();
        first.commit();
        waiting.get(10, TimeUnit.SECONDS);
        other.commit();

        try (PreparedStatement ps = first.prepareStatement("select project_key, name, version, created_at, task_count,"
                + " done_count, global_position from project_list where project_id = ?")) {
            bindTenant(first);
            ps.setObject(1, project);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("UPS");
                assertThat(rs.getString(2)).isEqualTo("Upsert");
                assertThat(rs.getLong(3)).as("version").isEqualTo(1);
                assertThat(rs.getObject(4, OffsetDateTime.class).toInstant()).as("the creation's time").isEqualTo(createdAt);
                assertThat(rs.getLong(5)).as("task count").isEqualTo(1);
                assertThat(rs.getLong(6)).as("done count").isZero();
                assertThat(rs.getLong(7)).as("the highest position seen").isEqualTo(12);
                assertThat(rs.next()).isFalse();
            }
            first.commit();
        }
    }

    private Connection inTenantTransaction() throws SQLException {
        Connection c = PostgresConnections.open();
        c.setAutoCommit(false);
        bindTenant(c);
        return c;
    }

    /** Row-level security admits the tenant's rows only; the setting lasts until the transaction ends. */
    private void bindTenant(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select set_config('tandem.tenant', ?, ?)")) {
            ps.setString(1, tenant.toString());
            ps.setBoolean(2, !c.getAutoCommit());
            ps.executeQuery().close();
        }
    }

    private static int pid(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_backend_pid()"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static boolean waitsForALock(Connection c, int pid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select wait_event_type = 'Lock' from pg_stat_activity where pid = ?")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
