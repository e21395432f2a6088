package io.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A platform-wide rebuild on PostgreSQL hands over tables that answer like the ones they replace:
 * the same indexes under the same names, fresh statistics, and a visibility map. Without the vacuum
 * the board's index-only scans visited the heap for every entry (3.6x slower at a million tasks)
 * until a vacuum came, which with autovacuum off is never.
 */
class SwappedTablesIT {

    @BeforeAll
    static void onPostgres() {
        assumeTrue("postgresql".equals(System.getProperty("tandem.db")), "tables are exchanged on PostgreSQL only");
    }

    @Test
    void aPlatformRebuildHandsOverTablesIndexedVacuumedAndAnalysedLikeTheLiveOnes() throws SQLException {
        var tenant = TandemClient.signUp();
        var project = TandemClient.createProject(tenant, "Swapped tables");
        for (int i = 0; i < 3; i++) {
            TandemClient.createTask(tenant, project.id(), "Task " + i);
        }
        TandemClient.awaitBoard(tenant, project.id(), 3, 0, 0);
        OperatorIT.settleEveryProjection();

        try (Connection c = RowLevelSecurityIT.connect()) {
            Map<String, String> before = indexes(c, "task_board");
            assertThat(before).as("the board's covering index (V3_2)").containsKey("task_board_cards");
            OffsetDateTime started = one(c, "select clock_timestamp()", OffsetDateTime.class);

            OperatorIT.rebuildForAllTenants("task-board");

            assertThat(indexes(c, "task_board")).as("the live table's indexes after the swap").isEqualTo(before);
            try (PreparedStatement ps = c.prepareStatement("select s.last_vacuum, s.last_analyze from pg_stat_user_tables s"
                    + " where s.relid = 'task_board'::regclass"); ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getObject(1, OffsetDateTime.class)).as("vacuumed during the rebuild")
                        .isNotNull().isAfter(started);
                assertThat(rs.getObject(2, OffsetDateTime.class)).as("analysed during the rebuild")
                        .isNotNull().isAfter(started);
            }
        }
        TandemClient.awaitBoard(tenant, project.id(), 3, 0, 0);
    }

    /** Index name to definition; exchanged indexes trade names, so the definitions name the live table. */
    private static Map<String, String> indexes(Connection c, String table) throws SQLException {
        Map<String, String> found = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("select indexname, indexdef from pg_indexes where tablename = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return found;
    }

    private static <T> T one(Connection c, String sql, Class<T> type) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getObject(1, type);
        }
    }
}
