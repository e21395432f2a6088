package io.tandem.kernel.projection;

import io.tandem.kernel.event.EventLogException;
import io.tandem.kernel.event.EventRows;
import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.schema.Databases;
import io.tandem.kernel.tenant.CurrentTenant;
import io.tandem.kernel.tenant.TenantSessions;
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
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * SQL over a projection's tables and their rebuild twins, for one tenant or all: the events a
 * rebuild replays, the swap of the twin's rows into the live table, and a fingerprint of the rows
 * (to prove a rebuilt read model equals the live one). Statements run on the caller's transaction
 * if it has one.
 */
@ApplicationScoped
public class ReadModelTwins {
    /** Where a rebuild keeps its checkpoints until the swap: a twin of {@code projection_checkpoint}. */
    static final String TWIN_CHECKPOINTS = ReadModelTables.REBUILD.of("projection_checkpoint");

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
        try (ResultSet rs = meta.getColumns(null, null, stored(meta, table), null)) {
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        columns.sort(null);
        return columns;
    }

    /** The primary-key columns of a table, in key order (a tenant's export lists its rows so). */
    public static List<String> primaryKey(Connection c, String table) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        TreeMap<Short, String> columns = new TreeMap<>();
        try (ResultSet rs = meta.getPrimaryKeys(null, null, stored(meta, table))) {
            while (rs.next()) {
                columns.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(columns.values());
    }

    /** A table's name as the metadata knows it: H2 upper-cases unquoted names, PostgreSQL lower-cases them. */
    private static String stored(DatabaseMetaData meta, String table) throws SQLException {
        if (meta.storesUpperCaseIdentifiers()) {
            return table.toUpperCase(Locale.ROOT);
        }
        return meta.storesLowerCaseIdentifiers() ? table.toLowerCase(Locale.ROOT) : table;
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
     * rebuild's checkpoints have not applied. A rebuild's replay can only have missed events that
     * were in flight while it ran, and a transaction is bounded (its timeout), so the anti-join
     * need not look at the whole log.
     */
    public List<RecordedEvent> unapplied(Projection p, TenantScope scope, java.time.Instant since) {
        return events(p, "select " + EventRows.COLUMNS + " from event_log e where " + scope.condition("e.tenant_id")
                + " and e.aggregate_type in (" + marks(p) + ") and e.occurred_at >= ? and not exists (select 1 from"
                + " " + TWIN_CHECKPOINTS + " c where c.projector = ? and c.aggregate_id = e.aggregate_id"
                + " and c.aggregate_version >= e.aggregate_version) order by e.global_position", scope,
                java.sql.Timestamp.from(since), p.name());
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
            if (Databases.isPostgres(c)) {
                try (var st = c.createStatement()) {
                    st.execute("analyze " + TWIN_CHECKPOINTS);
                }
            }
        } catch (SQLException e) {
            throw new EventLogException("could not analyse " + TWIN_CHECKPOINTS, e);
        }
    }

    /**
     * Empties the scope's rows of the twins and the twin checkpoints. For all tenants on PostgreSQL
     * the twins are truncated and lose their indexes but the constraints' (the replay looks rows up
     * by primary key only): loading a million rows and indexing them afterwards
     * ({@link #indexLikeLive}) is cheaper than keeping the indexes up to date row by row.
     */
    public void clearTwins(Projection p, TenantScope scope) {
        try (Connection c = dataSource.getConnection(); var bound = TenantSessions.bind(c, scope.tenant().orElse(CurrentTenant.PLATFORM))) {
            boolean exchange = exchangesTables(c, p, scope);
            for (String table : p.tables()) {
                String twin = ReadModelTables.REBUILD.of(table);
                if (exchange) {
                    try (var st = c.createStatement()) {
                        st.execute("truncate table " + twin);
                        for (Index index : indexes(c, twin)) {
                            if (!index.constraint()) {
                                st.execute("drop index " + index.name());
                            }
                        }
                    }
                } else {
                    update(c, "delete from " + twin + " where " + scope.condition("tenant_id"), scope);
                }
            }
            emptyTwinCheckpoints(c, p.name(), scope);
        } catch (SQLException e) {
            throw new EventLogException("could not clear the rebuild tables of " + p.name(), e);
        }
    }

    /**
     * Before a swap that exchanges tables: gives each twin a copy of every index of its live table
     * that a constraint does not make (under the twin's name for it, {@link #twinIndexName}), a
     * visibility map (vacuum) and fresh statistics, so that the twin answers queries as the live
     * table did from the moment it takes its place. Runs outside the swap's lock and outside any
     * transaction (a vacuum cannot run in one); does nothing when the swap copies rows.
     */
    public void indexLikeLive(Projection p, TenantScope scope) {
        try (Connection c = dataSource.getConnection()) {
            if (!exchangesTables(c, p, scope)) {
                return;
            }
            for (String table : p.tables()) {
                String twin = ReadModelTables.REBUILD.of(table);
                List<String> present = indexes(c, twin).stream().map(Index::name).toList();
                try (var st = c.createStatement()) {
                    // PostgreSQL's default (64 MB) sorts a million rows' keys in several runs on disk.
                    st.execute("set maintenance_work_mem = '256MB'");
                    for (Index index : indexes(c, table)) {
                        String name = twinIndexName(table, index.name());
                        if (!index.constraint() && !present.contains(name)) {
                            String using = index.definition().substring(index.definition().indexOf(" USING "));
                            st.execute((index.unique() ? "create unique index " : "create index ") + name + " on " + twin + using);
                        }
                    }
                    // Vacuumed as well: a freshly loaded table has no page marked all-visible, so
                    // the board's index-only scans would visit the heap for every entry until a
                    // vacuum came (never, with autovacuum off), which cost it 3.6x.
                    st.execute("vacuum analyze " + twin);
                } finally {
                    try (var st = c.createStatement()) {
                        st.execute("reset maintenance_work_mem");
                    }
                }
            }
        } catch (SQLException e) {
            throw new EventLogException("could not index the rebuild tables of " + p.name(), e);
        }
    }

    /**
     * Replaces the scope's live rows and checkpoints with the twins'. Must run in one transaction.
     * For all tenants on PostgreSQL each twin, which then holds every row, trades names with its live
     * table (and each index with its counterpart), and the old live table, now the twin, is
     * truncated: the swap no longer copies a million rows while live deliveries wait. Otherwise
     * (one tenant, or H2) the scope's rows are copied across.
     */
    public void swap(Projection p, TenantScope scope) {
        String where = " where " + scope.condition("tenant_id");
        try (Connection c = dataSource.getConnection(); var bound = TenantSessions.bind(c, scope.tenant().orElse(CurrentTenant.PLATFORM))) {
            boolean exchange = exchangesTables(c, p, scope);
            for (String table : p.tables()) {
                if (exchange) {
                    exchange(c, table);
                    continue;
                }
                String columns = String.join(", ", columns(c, table));
                update(c, "delete from " + table + where, scope);
                update(c, "insert into " + table + " (" + columns + ") select " + columns + " from "
                        + ReadModelTables.REBUILD.of(table) + where, scope);
                emptyTwin(c, table, scope);
            }
            if (exchange) {
                alignCheckpoints(c, p.name());
                return;
            }
            deleteCheckpoints(c, "projection_checkpoint", p.name(), scope);
            try (PreparedStatement ps = c.prepareStatement("insert into projection_checkpoint (projector, aggregate_id,"
                    + " tenant_id, aggregate_version, global_position, updated_at) select projector, aggregate_id, tenant_id,"
                    + " aggregate_version, global_position, updated_at from " + TWIN_CHECKPOINTS + " where projector = ?"
                    + " and " + scope.condition("tenant_id"))) {
                ps.setString(1, p.name());
                scope.bind(ps, 2);
                ps.executeUpdate();
            }
            emptyTwinCheckpoints(c, p.name(), scope);
        } catch (SQLException e) {
            throw new EventLogException("could not swap in the rebuilt " + p.name(), e);
        }
    }

    /**
     * Makes the projector's live checkpoints equal the twin's by writing only where they differ
     * (PostgreSQL, all tenants). After the catch-up the twin has applied every committed event and
     * the live projector only committed ones, so they differ in the events still on their way to
     * the live projector, not in a million rows: replacing every live checkpoint instead took 13 s
     * of a 54 s rebuild at 1M events, with live deliveries waiting.
     *
     * <p>One statement: a full join of the two finds the rows that differ (1.2 s at 1M checkpoints
     * here; a MERGE over every twin row and two counts to detect the other side took 2.1 s), then
     * those the twin has are upserted and those it lacks are deleted. A live checkpoint the twin
     * lacks would need an aggregate whose events left the log; an erasure deletes a tenant's events
     * and checkpoints together, so that side is for safety only.
     */
    private static void alignCheckpoints(Connection c, String projector) throws SQLException {
        try (var st = c.createStatement()) {
            // The join hashes a million checkpoints: in memory at once, not in eight batches on disk (4 MB).
            st.execute("set local work_mem = '64MB'");
        }
        try (PreparedStatement align = c.prepareStatement("with differing as materialized (select t.aggregate_id,"
                + " l.aggregate_id as live_id, t.tenant_id, t.aggregate_version, t.global_position, t.updated_at"
                + " from (select aggregate_id, tenant_id, aggregate_version, global_position, updated_at from "
                + TWIN_CHECKPOINTS + " where projector = ?) t full join (select aggregate_id, aggregate_version from"
                + " projection_checkpoint where projector = ?) l on l.aggregate_id = t.aggregate_id"
                + " where t.aggregate_id is null or l.aggregate_id is null or l.aggregate_version <> t.aggregate_version),"
                + " gone as (delete from projection_checkpoint l using differing d where d.aggregate_id is null"
                + " and l.projector = ? and l.aggregate_id = d.live_id)"
                + " insert into projection_checkpoint (projector, aggregate_id, tenant_id, aggregate_version,"
                + " global_position, updated_at) select ?, aggregate_id, tenant_id, aggregate_version, global_position,"
                + " updated_at from differing where aggregate_id is not null on conflict (projector, aggregate_id)"
                + " do update set aggregate_version = excluded.aggregate_version,"
                + " global_position = excluded.global_position, updated_at = excluded.updated_at")) {
            for (int i = 1; i <= 4; i++) {
                align.setString(i, projector);
            }
            align.executeUpdate();
        }
    }

    /**
     * Deletes the projection's twin checkpoints that a swap which exchanged tables left behind (the
     * live ones now equal them; a swap that copied rows deleted its own). Runs after the swap,
     * while live deliveries flow again. Must run in a transaction ({@link #emptyTwinCheckpoints}).
     */
    public void dropTwinCheckpoints(Projection p, TenantScope scope) {
        try (Connection c = dataSource.getConnection(); var bound = TenantSessions.bind(c, scope.tenant().orElse(CurrentTenant.PLATFORM))) {
            emptyTwinCheckpoints(c, p.name(), scope);
        } catch (SQLException e) {
            throw new EventLogException("could not delete the twin checkpoints of " + p.name(), e);
        }
    }

    /**
     * Removes a projector's twin checkpoints. For all tenants on PostgreSQL, when no other
     * projector's rebuild has checkpoints there, the table is truncated instead: a million deleted
     * rows stay dead in the table and its key until a vacuum, and the next rebuild's million
     * inserts then check their keys against them (before: the suite's second rebuild of task-board
     * at 42-46k events/s, against 52-54k after a vacuum; see bench/README, "Twin checkpoints truncated").
     *
     * <p>The exclusive lock first waits for any other rebuild's open batch; once it is held no
     * other rows can appear, so the check and the TRUNCATE see the same table.
     */
    private static void emptyTwinCheckpoints(Connection c, String projector, TenantScope scope) throws SQLException {
        if (scope.tenant().isEmpty() && Databases.isPostgres(c) && mayTruncate(c, TWIN_CHECKPOINTS)) {
            try (var st = c.createStatement()) {
                st.execute("lock table " + TWIN_CHECKPOINTS + " in access exclusive mode");
            }
            // Two range probes on the key (projector, aggregate_id): no scan of this projector's rows.
            boolean others;
            try (PreparedStatement ps = c.prepareStatement("select exists (select 1 from " + TWIN_CHECKPOINTS
                    + " where projector < ?) or exists (select 1 from " + TWIN_CHECKPOINTS + " where projector > ?)")) {
                ps.setString(1, projector);
                ps.setString(2, projector);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    others = rs.getBoolean(1);
                }
            }
            if (!others) {
                try (var st = c.createStatement()) {
                    st.execute("truncate table " + TWIN_CHECKPOINTS);
                }
                return;
            }
        }
        deleteCheckpoints(c, TWIN_CHECKPOINTS, projector, scope);
    }

    /** An index of a table: its name, its definition as PostgreSQL prints it, whether a constraint makes it. */
    record Index(String name, String definition, boolean unique, boolean constraint) {}

    private static List<Index> indexes(Connection c, String table) throws SQLException {
        List<Index> indexes = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select i.relname, pg_get_indexdef(x.indexrelid), x.indisunique,"
                + " exists (select 1 from pg_constraint k where k.conindid = x.indexrelid)"
                + " from pg_index x join pg_class i on i.oid = x.indexrelid where x.indrelid = ?::regclass order by i.relname")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    indexes.add(new Index(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4)));
                }
            }
        }
        return indexes;
    }

    /** The twin's name for an index of a live table: {@code task_board_pkey} is {@code task_board_rebuild_pkey}. */
    static String twinIndexName(String table, String index) {
        String twin = ReadModelTables.REBUILD.of(table);
        return index.startsWith(table) ? twin + index.substring(table.length()) : twin + "_" + index;
    }

    /**
     * Whether the swap of this rebuild exchanges tables rather than copying rows: only for all
     * tenants (a twin then holds every row), on PostgreSQL (transactional renames), when this
     * connection's role owns the tables (renaming needs it), and when every live index has its
     * counterpart on the twin or a constraint does not make it (then {@link #indexLikeLive} adds it).
     */
    private static boolean exchangesTables(Connection c, Projection p, TenantScope scope) throws SQLException {
        if (scope.tenant().isPresent() || !Databases.isPostgres(c)) {
            return false;
        }
        for (String table : p.tables()) {
            String twin = ReadModelTables.REBUILD.of(table);
            try (PreparedStatement ps = c.prepareStatement("select count(*) from pg_class t join pg_roles r on r.oid = t.relowner"
                    + " where t.oid in (?::regclass, ?::regclass) and r.rolname = current_user")) {
                ps.setString(1, table);
                ps.setString(2, twin);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) != 2) {
                        return false;
                    }
                }
            }
            List<String> twinConstraints = indexes(c, twin).stream().filter(Index::constraint).map(Index::name).toList();
            List<String> expected = indexes(c, table).stream().filter(Index::constraint)
                    .map(i -> twinIndexName(table, i.name())).toList();
            if (!twinConstraints.equals(expected)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Trades the names of a live table and its twin, and of each index and its twin counterpart
     * (so that both keep the names the migrations gave them), then empties the new twin. The
     * renames take an exclusive lock on both tables until the swap commits: queries of the read
     * model wait for that moment, then read the new table.
     */
    private static void exchange(Connection c, String table) throws SQLException {
        String twin = ReadModelTables.REBUILD.of(table);
        String parked = "tandem_swap_" + Long.toHexString(System.nanoTime());
        List<Index> live = indexes(c, table);
        List<String> twins = indexes(c, twin).stream().map(Index::name).toList();
        try (var st = c.createStatement()) {
            st.execute("alter table " + table + " rename to " + parked);
            st.execute("alter table " + twin + " rename to " + table);
            st.execute("alter table " + parked + " rename to " + twin);
            int n = 0;
            for (Index index : live) {
                String counterpart = twinIndexName(table, index.name());
                if (!twins.contains(counterpart)) {
                    throw new SQLException("the rebuild twin of " + table + " has no index " + counterpart);
                }
                String aside = parked + "_" + n++;
                st.execute("alter index " + index.name() + " rename to " + aside);
                st.execute("alter index " + counterpart + " rename to " + index.name());
                st.execute("alter index " + aside + " rename to " + counterpart);
            }
            st.execute("truncate table " + twin);
        }
    }

    /**
     * Empties the scope's rows of a twin after the swap copied them. For all tenants on PostgreSQL a
     * TRUNCATE, which is transactional there and frees the table at once, instead of deleting and
     * later vacuuming every row; nobody but a rebuild reads a twin.
     */
    private static void emptyTwin(Connection c, String table, TenantScope scope) throws SQLException {
        String twin = ReadModelTables.REBUILD.of(table);
        if (scope.tenant().isEmpty() && Databases.isPostgres(c)) {
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

    /** Whether this database user may truncate the table (a deployment may grant only row rights). */
    private static boolean mayTruncate(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select has_table_privilege(?, 'TRUNCATE')")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void deleteCheckpoints(Connection c, String table, String projector, TenantScope scope)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from " + table + " where projector = ? and "
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
