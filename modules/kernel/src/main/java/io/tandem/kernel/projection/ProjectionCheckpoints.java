package io.tandem.kernel.projection;

import io.tandem.kernel.event.EventLogException;
import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.tenant.CurrentTenant;
import io.tandem.kernel.tenant.TenantSessions;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Per projector and aggregate, the version of the last event applied; written in the projector's
 * own transaction together with its read-model rows.
 *
 * <p>An event is applied only if it is the next version of its aggregate. A lower or equal version
 * was applied already (a redelivery or a re-publication): skip it. A higher one means its
 * predecessor has not arrived yet (for example it is waiting out a redelivery delay): refuse it so
 * the broker delivers it again later, rather than apply it out of order.
 */
@ApplicationScoped
public class ProjectionCheckpoints {
    private static final String ADVANCE = "update projection_checkpoint set aggregate_version = ?, global_position = ?,"
            + " updated_at = ? where projector = ? and aggregate_id = ? and aggregate_version = ?";
    private static final String INSERT = "insert into projection_checkpoint (projector, aggregate_id, tenant_id,"
            + " aggregate_version, global_position, updated_at) values (?,?,?,?,?,?)";
    /** Inserts version 1 unless the aggregate has a checkpoint: 1 row if claimed, 0 if applied before. */
    private static final String INSERT_FIRST = "merge into projection_checkpoint c using (values (cast(? as varchar(64)),"
            + " cast(? as uuid), cast(? as uuid), cast(? as bigint), cast(? as timestamp with time zone)))"
            + " as s (projector, aggregate_id, tenant_id, global_position, updated_at)"
            + " on c.projector = s.projector and c.aggregate_id = s.aggregate_id"
            + " when not matched then insert (projector, aggregate_id, tenant_id, aggregate_version, global_position,"
            + " updated_at) values (s.projector, s.aggregate_id, s.tenant_id, 1, s.global_position, s.updated_at)";
    private static final String CURRENT =
            "select aggregate_version from projection_checkpoint where projector = ? and aggregate_id = ?";

    /**
     * Aggregate ids per checkpoint look-up of a batch claim. PostgreSQL looks up to a few hundred
     * ids by the primary key; at 1,000 it reads every checkpoint of the projector instead (21 ms at
     * 110,000 rows, growing with the table, against 2.7 ms for 250 looked up).
     */
    static final int LOOKUP_CHUNK = 250;

    @Resource(lookup = "java:jboss/datasources/TandemDS")
    DataSource dataSource;

    /**
     * Claims the event for the projector.
     *
     * @return true if the caller must apply it now, false if it was applied before
     * @throws EventOutOfOrder if an earlier event of the same aggregate is still missing
     */
    public boolean claim(String projector, RecordedEvent e) {
        return claim(projector, e, ReadModelTables.LIVE);
    }

    /**
     * {@link #claim(String, RecordedEvent)} in the live checkpoints or a rebuild's ({@code projection_checkpoint_rebuild}).
     *
     * <p>On PostgreSQL inside a transaction the claim also sets the tenant the projection's write
     * will run as (the bound {@link CurrentTenant}, else the event's) for the transaction, in the
     * same round trip ({@link TenantSessions#foldedSetting}): the write's connection then sends no
     * setting of its own. The checkpoints have no row-level security, so the order does not matter
     * to the claim. The setting replaces the one in force, so a caller claims only where nothing in
     * the transaction works for a tenant other than the bound one: Hibernate holds its connection
     * for the whole transaction, and a session opened for another tenant would see the claim's. The
     * projection paths claim under the tenant they write as, or as the platform.
     */
    public boolean claim(String projector, RecordedEvent e, ReadModelTables tables) {
        Timestamp now = Timestamp.from(Instant.now());
        boolean first = e.aggregateVersion() == 1;
        try (Connection c = dataSource.getConnection()) {
            Optional<String> folded = TenantSessions.foldedSetting(c);
            boolean claimed;
            if (folded.isPresent()) {
                claimed = claimSettingTenant(c, folded.get(), tables, projector, e, now);
            } else {
                // A first version in one statement, not a look-up and an insert: a first event is
                // most of what a projector sees, and each round trip costs both sides CPU. Two
                // deliveries of the same first event racing here: one insert fails on the primary
                // key, its transaction rolls back and the redelivery then finds the row.
                try (PreparedStatement ps = c.prepareStatement(in(tables, first ? INSERT_FIRST : ADVANCE))) {
                    bindClaim(ps, projector, e, now);
                    claimed = ps.executeUpdate() == 1;
                }
            }
            if (claimed || first) {
                return claimed;
            }
            Long current = current(c, tables, projector, e);
            if (current != null && current >= e.aggregateVersion()) {
                return false;
            }
            throw new EventOutOfOrder(projector, e, current == null ? 0 : current);
        } catch (SQLException ex) {
            throw new EventLogException("could not claim event " + e.eventId() + " for " + projector, ex);
        }
    }

    /**
     * The claim as one statement that also sets the write's tenant: the insert of a first version
     * (which does nothing if the aggregate has a checkpoint) or the advance from the version
     * before, as a data-modifying CTE whose row count comes back beside the setting.
     *
     * @return whether the claim changed a row
     */
    private static boolean claimSettingTenant(Connection c, String setting, ReadModelTables tables, String projector,
                                              RecordedEvent e, Timestamp now) throws SQLException {
        UUID writer = CurrentTenant.get() != null ? CurrentTenant.get() : e.tenantId();
        String claim = e.aggregateVersion() == 1
                ? "insert into projection_checkpoint (projector, aggregate_id, tenant_id, aggregate_version,"
                        + " global_position, updated_at) values (?, ?, ?, 1, ?, ?)"
                        + " on conflict (projector, aggregate_id) do nothing returning 1"
                : ADVANCE + " returning 1";
        boolean claimed;
        try (PreparedStatement ps = c.prepareStatement(in(tables,
                "with claimed as (" + claim + ") select " + setting + ", (select count(*) from claimed)"))) {
            ps.setString(bindClaim(ps, projector, e, now), writer.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                claimed = rs.getLong(2) == 1;
            }
        }
        TenantSessions.setAlong(writer);
        return claimed;
    }

    /**
     * Binds a claim's parameters: those of the first version's insert ({@link #INSERT_FIRST} and
     * its folded form) or of {@link #ADVANCE}.
     *
     * @return the index of the next parameter
     */
    private static int bindClaim(PreparedStatement ps, String projector, RecordedEvent e, Timestamp now)
            throws SQLException {
        if (e.aggregateVersion() == 1) {
            ps.setString(1, projector);
            ps.setObject(2, e.aggregateId());
            ps.setObject(3, e.tenantId());
            ps.setLong(4, e.position());
            ps.setTimestamp(5, now);
            return 6;
        }
        ps.setLong(1, e.aggregateVersion());
        ps.setLong(2, e.position());
        ps.setTimestamp(3, now);
        ps.setString(4, projector);
        ps.setObject(5, e.aggregateId());
        ps.setLong(6, e.aggregateVersion() - 1);
        return 7;
    }

    /**
     * Claims a batch of events in log order at once, as {@link #claim} would one by one: the
     * events to apply now, in order. Reads the batch's checkpoints in a few queries and writes
     * them in two JDBC batches (new aggregates, advanced ones).
     *
     * @throws EventOutOfOrder if an event's predecessor is neither applied nor earlier in the batch
     */
    public List<RecordedEvent> claimAll(String projector, List<RecordedEvent> events) {
        return claimAll(projector, events, ReadModelTables.LIVE, false);
    }

    /**
     * {@link #claimAll(String, List)} for a replay into checkpoints that were empty when it began and
     * that only it writes, reading the log once in order (a rebuild's): an aggregate whose first
     * event in the batch is its first of all cannot have a checkpoint yet, so it is not looked up.
     * Most events a rebuild replays create their aggregate. A rebuild claims in its own table
     * ({@link ReadModelTables#REBUILD}).
     */
    public List<RecordedEvent> claimAll(String projector, List<RecordedEvent> events, ReadModelTables tables,
                                        boolean replayFromEmpty) {
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = dataSource.getConnection()) {
            Map<UUID, Long> existing = currentVersions(c, tables, projector,
                    replayFromEmpty ? notCreatedHere(events) : events);
            Map<UUID, Long> reached = new HashMap<>(existing);
            Map<UUID, RecordedEvent> last = new LinkedHashMap<>();
            List<RecordedEvent> claimed = new ArrayList<>(events.size());
            for (RecordedEvent e : events) {
                long have = reached.getOrDefault(e.aggregateId(), 0L);
                if (e.aggregateVersion() <= have) {
                    continue;
                }
                if (e.aggregateVersion() != have + 1) {
                    throw new EventOutOfOrder(projector, e, have);
                }
                reached.put(e.aggregateId(), e.aggregateVersion());
                last.put(e.aggregateId(), e);
                claimed.add(e);
            }
            try (PreparedStatement insert = c.prepareStatement(in(tables, INSERT));
                    PreparedStatement advance = c.prepareStatement(in(tables, "update projection_checkpoint set aggregate_version = ?,"
                            + " global_position = ?, updated_at = ? where projector = ? and aggregate_id = ?"))) {
                for (RecordedEvent e : last.values()) {
                    if (existing.containsKey(e.aggregateId())) {
                        advance.setLong(1, e.aggregateVersion());
                        advance.setLong(2, e.position());
                        advance.setTimestamp(3, now);
                        advance.setString(4, projector);
                        advance.setObject(5, e.aggregateId());
                        advance.addBatch();
                    } else {
                        insert.setString(1, projector);
                        insert.setObject(2, e.aggregateId());
                        insert.setObject(3, e.tenantId());
                        insert.setLong(4, e.aggregateVersion());
                        insert.setLong(5, e.position());
                        insert.setTimestamp(6, now);
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
                advance.executeBatch();
            }
            return claimed;
        } catch (SQLException ex) {
            throw new EventLogException("could not claim a batch of " + events.size() + " events for " + projector, ex);
        }
    }

    /** The events of aggregates whose first event in the batch is not their first of all. */
    private static List<RecordedEvent> notCreatedHere(List<RecordedEvent> events) {
        Map<UUID, RecordedEvent> first = new LinkedHashMap<>();
        for (RecordedEvent e : events) {
            first.putIfAbsent(e.aggregateId(), e);
        }
        return first.values().stream().filter(e -> e.aggregateVersion() != 1).toList();
    }

    private static Map<UUID, Long> currentVersions(Connection c, ReadModelTables tables, String projector,
                                                   List<RecordedEvent> events)
            throws SQLException {
        List<UUID> ids = events.stream().map(RecordedEvent::aggregateId).distinct().toList();
        Map<UUID, Long> versions = new HashMap<>();
        for (int from = 0; from < ids.size(); from += LOOKUP_CHUNK) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + LOOKUP_CHUNK));
            String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement(in(tables, "select aggregate_id, aggregate_version"
                    + " from projection_checkpoint where projector = ? and aggregate_id in (" + marks + ")"))) {
                ps.setString(1, projector);
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setObject(i + 2, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        versions.put(rs.getObject(1, UUID.class), rs.getLong(2));
                    }
                }
            }
        }
        return versions;
    }

    /**
     * Records the aggregate's versions before the event as applied, unless more is recorded: for a
     * replay of a log whose earlier events of the aggregate were erased (a closed tenant's log starts
     * at its closing event), so that the event is the next one and not out of order.
     */
    public void assumeAppliedBefore(String projector, RecordedEvent e, ReadModelTables tables) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(in(tables,
                "merge into projection_checkpoint c using (values (cast(? as varchar(64)), cast(? as uuid),"
                        + " cast(? as uuid), cast(? as bigint), cast(? as bigint), cast(? as timestamp with time zone)))"
                        + " as s (projector, aggregate_id, tenant_id, aggregate_version, global_position, updated_at)"
                        + " on c.projector = s.projector and c.aggregate_id = s.aggregate_id"
                        + " when matched and c.aggregate_version < s.aggregate_version then update set"
                        + " aggregate_version = s.aggregate_version, global_position = s.global_position,"
                        + " updated_at = s.updated_at"
                        + " when not matched then insert (projector, aggregate_id, tenant_id, aggregate_version,"
                        + " global_position, updated_at) values (s.projector, s.aggregate_id, s.tenant_id,"
                        + " s.aggregate_version, s.global_position, s.updated_at)"))) {
            ps.setString(1, projector);
            ps.setObject(2, e.aggregateId());
            ps.setObject(3, e.tenantId());
            ps.setLong(4, e.aggregateVersion() - 1);
            ps.setLong(5, e.position() - 1);
            ps.setTimestamp(6, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        } catch (SQLException ex) {
            throw new EventLogException("could not record the erased versions before event " + e.eventId(), ex);
        }
    }

    /** Whether the projector has applied (or skipped past) this event already. */
    public boolean applied(String projector, RecordedEvent e) {
        try (Connection c = dataSource.getConnection()) {
            Long current = current(c, ReadModelTables.LIVE, projector, e);
            return current != null && current >= e.aggregateVersion();
        } catch (SQLException ex) {
            throw new EventLogException("could not read the checkpoint of " + projector, ex);
        }
    }

    private static Long current(Connection c, ReadModelTables tables, String projector, RecordedEvent e)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(in(tables, CURRENT))) {
            ps.setString(1, projector);
            ps.setObject(2, e.aggregateId());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    /** A statement on the live checkpoints, on the given copy of them instead. */
    private static String in(ReadModelTables tables, String sql) {
        return tables.suffix().isEmpty() ? sql : sql.replace("projection_checkpoint", tables.of("projection_checkpoint"));
    }
}
