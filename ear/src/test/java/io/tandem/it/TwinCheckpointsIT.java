package io.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * After a platform-wide rebuild on PostgreSQL its twin checkpoints are truncated, not deleted row
 * by row: a million deleted rows stayed dead until a vacuum and slowed the next rebuild. Another
 * projector's rebuild may be using the same table at that moment; its checkpoints must survive.
 */
class TwinCheckpointsIT {
    private static final String OTHER = "zz-another-rebuild";

    @BeforeAll
    static void onPostgres() {
        assumeTrue("postgresql".equals(System.getProperty("tandem.db")), "the twins are truncated on PostgreSQL only");
    }

    @Test
    void aPlatformRebuildTruncatesItsTwinCheckpointsUnlessAnotherRebuildHasSome() throws SQLException {
        var tenant = TandemClient.signUp();
        var project = TandemClient.createProject(tenant, "Twin checkpoints");
        for (int i = 0; i < 3; i++) {
            TandemClient.createTask(tenant, project.id(), "Task " + i);
        }
        TandemClient.awaitBoard(tenant, project.id(), 3, 0, 0);
        OperatorIT.settleEveryProjection();

        UUID foreign = UUID.randomUUID();
        try (Connection c = RowLevelSecurityIT.connect()) {
            // What another projector's rebuild, half-way through, has in the table.
            try (PreparedStatement ps = c.prepareStatement("insert into projection_checkpoint_rebuild (projector,"
                    + " aggregate_id, tenant_id, aggregate_version, global_position, updated_at) values (?, ?, ?, 1, 1, now())")) {
                ps.setString(1, OTHER);
                ps.setObject(2, foreign);
                ps.setObject(3, tenant.id());
                ps.executeUpdate();
            }
            try {
                OperatorIT.rebuildForAllTenants("task-board");
                // The twin checkpoints are removed just after the rebuild reports done.
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> count(c, "select count(*) from projection_checkpoint_rebuild where projector = 'task-board'") == 0);
                assertThat(count(c, "select count(*) from projection_checkpoint_rebuild where projector = '" + OTHER + "'"))
                        .as("the other rebuild's checkpoint").isEqualTo(1);
            } finally {
                try (PreparedStatement ps = c.prepareStatement("delete from projection_checkpoint_rebuild where projector = ?")) {
                    ps.setString(1, OTHER);
                    ps.executeUpdate();
                }
            }

            OperatorIT.rebuildForAllTenants("task-board");
            // Alone in the table, the rebuild truncates it: no page is left, while a delete leaves every one.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> count(c, "select pg_relation_size('projection_checkpoint_rebuild')") == 0);
            assertThat(count(c, "select pg_relation_size('projection_checkpoint_rebuild_pkey')"))
                    .as("the key truncated with its table: an empty index keeps only its metapage").isLessThanOrEqualTo(8192);
        }
        TandemClient.awaitBoard(tenant, project.id(), 3, 0, 0);
    }

    /**
     * The swap makes the live checkpoints equal the twin's, writing only where they differ: a live
     * checkpoint behind the log (an event still on its way to the live projector) is moved up to
     * it, and one for an aggregate without events (as an erasure could leave) is removed.
     */
    @Test
    void aPlatformRebuildLeavesTheLiveCheckpointsAsTheLogHasThem() throws SQLException {
        var tenant = TandemClient.signUp();
        var project = TandemClient.createProject(tenant, "Aligned checkpoints");
        var task = TandemClient.createTask(tenant, project.id(), "Moved");
        TandemClient.written(TandemClient.move(tenant, task.id(), "in_progress", 1), 200);
        TandemClient.awaitBoard(tenant, project.id(), 0, 1, 0);
        OperatorIT.settleEveryProjection();

        UUID phantom = UUID.randomUUID();
        try (Connection c = RowLevelSecurityIT.connect()) {
            long movedAt = count(c, "select global_position from event_log where aggregate_id = '" + task.id()
                    + "' and aggregate_version = 2");
            long createdAt = count(c, "select global_position from event_log where aggregate_id = '" + task.id()
                    + "' and aggregate_version = 1");
            try (PreparedStatement ps = c.prepareStatement("update projection_checkpoint set aggregate_version = 1,"
                    + " global_position = ? where projector = 'task-board' and aggregate_id = ?")) {
                ps.setLong(1, createdAt);
                ps.setObject(2, task.id());
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement ps = c.prepareStatement("insert into projection_checkpoint (projector, aggregate_id,"
                    + " tenant_id, aggregate_version, global_position, updated_at) values ('task-board', ?, ?, 1, 1, now())")) {
                ps.setObject(1, phantom);
                ps.setObject(2, tenant.id());
                ps.executeUpdate();
            }
            try {
                OperatorIT.rebuildForAllTenants("task-board");

                assertThat(count(c, "select aggregate_version from projection_checkpoint where projector = 'task-board'"
                        + " and aggregate_id = '" + task.id() + "'")).as("the version behind the log, moved up").isEqualTo(2);
                assertThat(count(c, "select global_position from projection_checkpoint where projector = 'task-board'"
                        + " and aggregate_id = '" + task.id() + "'")).isEqualTo(movedAt);
                assertThat(count(c, "select count(*) from projection_checkpoint where projector = 'task-board'"
                        + " and aggregate_id = '" + phantom + "'")).as("the checkpoint without events").isZero();
            } finally {
                try (PreparedStatement ps = c.prepareStatement("delete from projection_checkpoint where aggregate_id = ?")) {
                    ps.setObject(1, phantom);
                    ps.executeUpdate();
                }
            }
        }
        // And the live projector follows the aligned checkpoint: the task's next event is applied.
        TandemClient.written(TandemClient.move(tenant, task.id(), "done", 2), 200);
        TandemClient.awaitBoard(tenant, project.id(), 0, 0, 1);
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
