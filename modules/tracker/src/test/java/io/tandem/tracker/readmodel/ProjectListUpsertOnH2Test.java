package io.tandem.tracker.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.kernel.schema.SchemaMigrations;
import io.tandem.tracker.contract.ProjectCreated;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A project's creation and its first task's count written to {@code project_list} by two
 * transactions at once, on H2 (the embedded default) with the tracker's real migrations: the second
 * insert must wait for the first and add to its row, not fail on the key and roll its transaction
 * back. ProjectListUpsertOnPostgresIT checks the same on PostgreSQL.
 */
class ProjectListUpsertOnH2Test {
    private final UUID tenant = UUID.randomUUID();
    private final UUID project = UUID.randomUUID();
    private final Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS).minusSeconds(60);
    private final ExecutorService second = Executors.newSingleThreadExecutor();
    private Connection first;
    private Connection other;
    private Connection observer;

    @BeforeEach
    void twoTransactions() throws SQLException {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:tracker-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        SchemaMigrations.migrate(dataSource, getClass().getClassLoader(), "tracker");
        first = dataSource.getConnection();
        other = dataSource.getConnection();
        observer = dataSource.getConnection();
        first.setAutoCommit(false);
        other.setAutoCommit(false);
    }

    @AfterEach
    void close() throws SQLException {
        second.shutdownNow();
        first.close();
        other.close();
        observer.close();
    }

    @ParameterizedTest(name = "the creation first: {0}")
    @ValueSource(booleans = {true, false})
    void theSecondInsertOfARowWaitsForTheFirstAndAddsToIt(boolean creationFirst) throws Exception {
        var creation = new ProjectListChanges.Change(project, tenant, new ProjectCreated(project, "UPS", "Upsert"), 1,
                createdAt, 0, 0, 10);
        var firstTask = new ProjectListChanges.Change(project, tenant, null, 0, createdAt.plusSeconds(5), 1, 0, 12);

        ProjectListProjection.write(first, "project_list", List.of(creationFirst ? creation : firstTask));
        long otherSession = sessionId(other);
        Future<?> waiting = second.submit(() -> {
            ProjectListProjection.write(other, "project_list", List.of(creationFirst ? firstTask : creation));
            return null;
        });
        // Only a second insert that runs into the first's key tests anything. H2 shows no blocker
        // for it: the statement retries until the first transaction ends, so it is seen running.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        boolean running = false;
        while (!running && !waiting.isDone() && System.nanoTime() < deadline) {
            running = runsAMerge(otherSession);
        }
        assertThat(running).as("the second insert runs while the first transaction is open").isTrue();
        assertThat(waiting).as("and waits for it").isNotDone();
        first.commit();
        waiting.get(10, TimeUnit.SECONDS);
        other.commit();

        try (PreparedStatement ps = observer.prepareStatement("select project_key, name, version, created_at, task_count,"
                + " done_count, global_position from project_list where project_id = ?")) {
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
        }
    }

    private static long sessionId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select session_id()"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private boolean runsAMerge(long session) throws SQLException {
        try (PreparedStatement ps = observer.prepareStatement(
                "select executing_statement from information_schema.sessions where session_id = ?")) {
            ps.setLong(1, session);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(1) != null && rs.getString(1).startsWith("merge into project_list");
            }
        }
    }
}
