package io.tandem.kernel.projection;

import io.tandem.kernel.tenant.CurrentTenant;
import io.tandem.kernel.tenant.TenantSessions;

import io.tandem.kernel.event.EventLogException;
import io.tandem.kernel.event.EventRows;
import io.tandem.kernel.event.RecordedEvent;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * SQL over a projection's tables and their rebuild twins, for one tenant or all: the events a
 * rebuild replays, the swap of the twin's rows into the live table, and a fingerprint of the rows
 * (to prove a rebuilt read model equals the live one). Statements run on the caller's transaction
 * if it has one.
 */
@ApplicationScoped
public class ReadModelTwins {
    @Resource(lookup = "java:jboss/datasources/TandemDS")
    DataSource dataSource;

    public record Fingerprint(long rows, String sha256) {}

    /** The columns of a table, sorted; the same list for a table and its twin or the rebuild refuses. */
    public List<String> columns(String table) {
        try (Connection c = dataSource.getConnection()) {
            return columns(c, table);
        } catch (SQLException e) {
            throw new EventLogException("could not read the columns of " + table, e);
        }
    }

    private static List<String> columns(Connection c, String table) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        List<String> columns = new ArrayList<>();
        for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
            try (ResultSet rs = meta.getColumns(null, null, name, null)) {
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
            if (!columns.isEmpty()) {
                break;
            }
        }
        columns.sort(null);
        return columns;
    }

    public long countEvents(Projection p, TenantScope scope) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from event_log e where " + scope.condition("e.tenant_id") + " and e.aggregate_type in ("
                        + marks(p) + ")")) {
            bindTypes(ps, scope.bind(ps, 1), p);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new EventLogException("could not count events for a rebuild of " + p.name(), e);
        }
    }

    /** The scope's events of the projection's aggregate types after a position, in log order. */
    public List<RecordedEvent> batchAfter(Projection p, TenantScope scope, long after, int limit) {
        return events(p, "select " + EventRows.COLUMNS + " from event_log e where " + scope.condition("e.tenant_id")
                + " and e.aggregate_type in (" + marks(p) + ") and e.global_position > ? order by e.global_position"
                + " fetch first " + limit + " rows only", scope, after);
    }

    /**
     * The scope's events of the projection's types, occurred since the given instant, that the
     * given checkpoint name has not applied. A rebuild's replay can only have missed events that
     * were in flight while it ran, and a transaction is bounded (its timeout), so the anti-join
     * need not look at the whole log.
     */
    public List<RecordedEvent> unapplied(Projection p, String checkpointName, TenantScope scope, java.time.Instant since) {
        return events(p, "select " + EventRows.COLUMNS + " from event_log e where " + scope.condition("e.tenant_id")
                + " and e.aggregate_type in (" + marks(p) + ") and e.occurred_at >= ? and not exists (select 1 from"
                + " projection_checkpoint c where c.projector = ? and c.aggregate_id = e.aggregate_id"
                + " and c.aggregate_version >= e.aggregate_version) order by e.global_position", scope,
                java.sql.Timestamp.from(since), checkpointName);
    }

    /** Runs a query over the scope's events of the projection's types; its last parameters follow the types. */
    private List<RecordedEvent> events(Projection p, String sql, TenantScope scope, Object... last) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int next = bindTypes(ps, scope.bind(ps, 1), p);
            for (Object value : last) {
                ps.setObject(next++, value);
            }
            List<RecordedEvent> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(EventRows.read(rs));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new EventLogException("could not read events for a rebuild of " + p.name(), e);
        }
    }

    /**
     * Brings PostgreSQL's statistics of the checkpoints up to date. A rebuild adds its twin
     * checkpoints far faster than autovacuum analyses them, and a planner that still believes
     * there are a few hundred reads all of them for every batch's look-up (by the index's first
     * column), instead of looking each aggregate up: at 200,000 events the replay fell to 1,275
     * events/s. Does nothing on other databases.
     */
    public void refreshCheckpointStatistics() {
        try (Connection c = dataSource.getConnection()) {
            if (TenantSessions.isPostgres(c)) {
                try (var st = c.createStatement()) {
                    st.execute("analyze projection_checkpoint");
                }
            }
        } catch (SQLException e) {
            throw new EventLogException("could not analyse projection_checkpoint", e);
        }
    }

    /** Empties the scope's rows of the twins and the twin checkpoints. */
    public void clearTwins(Projection p, String twinCheckpoint, TenantScope scope) {
        try (Connection c = dataSource.getConnection(); var bound = TenantSessions.bind(c, scope.tenant().orElse(CurrentTenant.PLATFORM))) {
            for (String table : p.tables()) {
                update(c, "delete from " + ReadModelTables.REBUILD.of(table) + " where " + scope.condition("tenant_id"), scope);
            }
            deleteCheckpoints(c, twinCheckpoint, scope);
        } catch (SQLException e) {
            throw new EventLogException("could not clear the rebuild tables of " + p.name(), e);
        }
    }

    /** Replaces the scope's live rows and checkpoints with the twins'. Must run in one transaction. */
    public void swap(Projection p, String twinCheckpoint, TenantScope scope) {
        String where = " where " + scope.condition("tenant_id");
        try (Connection c = dataSource.getConnection(); var bound = TenantSessions.bind(c, scope.tenant().orElse(CurrentTenant.PLATFORM))) {
            for (String table : p.tables()) {
                String columns = String.join(", ", columns(c, table));
                update(c, "delete from " + table + where, scope);
                update(c, "insert into " + table + " (" + columns + ") select " + columns + " from "
                        + ReadModelTables.REBUILD.of(table) + where, scope);
                emptyTwin(c, table, scope);
            }
            deleteCheckpoints(c, p.name(), scope);
            try (PreparedStatement ps = c.prepareStatement("update projection_checkpoint set projector = ? where projector = ?"
                    + " and " + scope.condition("tenant_id"))) {
                ps.setString(1, p.name());
                ps.setString(2, twinCheckpoint);
                scope.bind(ps, 3);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new EventLogException("could not swap in the rebuilt " + p.name(), e);
        }
    }

    /**
     * Empties the scope's rows of a twin after the swap copied them. For all tenants on PostgreSQL a
     * TRUNCATE, which is transactional there and frees the table at once, instead of deleting and
     * later vacuuming every row; nobody but a rebuild reads a twin.
     */
    private static void emptyTwin(Connection c, String table, TenantScope scope) throws SQLException {
        String twin = ReadModelTables.REBUILD.of(table);
        if (scope.tenant().isEmpty() && TenantSessions.isPostgres(c)) {
            try (var st = c.createStatement()) {
                st.execute("truncate table " + twin);
            }
        } else {
            update(c, "delete from " + twin + " where " + scope.condition("tenant_id"), scope);
        }
    }

    /** A hash of every column of every row the scope has in the projection's live tables. */
    public Fingerprint fingerprint(Projection p, TenantScope scope) {
        try (Connection c = dataSource.getConnection(); var bound = TenantSessions.bind(c, scope.tenant().orElse(CurrentTenant.PLATFORM))) {
            List<String> rows = new ArrayList<>();
            for (String table : p.tables()) {
                String columns = String.join(", ", columns(c, table));
                try (PreparedStatement ps = c.prepareStatement("select " + columns + " from " + table + " where "
                        + scope.condition("tenant_id"))) {
                    scope.bind(ps, 1);
                    try (ResultSet rs = ps.executeQuery()) {
                        ResultSetMetaData meta = rs.getMetaData();
                        while (rs.next()) {
                            StringBuilder row = new StringBuilder(table);
                            for (int i = 1; i <= meta.getColumnCount(); i++) {
                                Object value = rs.getObject(i);
                                row.append('|').append(value instanceof java.sql.Timestamp t ? t.toInstant() : value);
                            }
                            rows.add(row.toString());
                        }
                    }
                }
            }
            rows.sort(null);
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            rows.forEach(r -> digest.update((r + "\n").getBytes(StandardCharsets.UTF_8)));
            return new Fingerprint(rows.size(), HexFormat.of().formatHex(digest.digest()));
        } catch (SQLException | NoSuchAlgorithmException e) {
            throw new EventLogException("could not fingerprint " + p.name(), e);
        }
    }

    private static void deleteCheckpoints(Connection c, String projector, TenantScope scope) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from projection_checkpoint where projector = ? and "
                + scope.condition("tenant_id"))) {
            ps.setString(1, projector);
            scope.bind(ps, 2);
            ps.executeUpdate();
        }
    }

    private static void update(Connection c, String sql, TenantScope scope) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            scope.bind(ps, 1);
            ps.executeUpdate();
        }
    }

    private static String marks(Projection p) {
        return String.join(",", p.aggregateTypes().stream().map(t -> "?").toList());
    }

    private static int bindTypes(PreparedStatement ps, int first, Projection p) throws SQLException {
        int i = first;
        for (String type : p.aggregateTypes()) {
            ps.setString(i++, type);
        }
        return i;
    }
}
