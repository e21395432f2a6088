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

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
