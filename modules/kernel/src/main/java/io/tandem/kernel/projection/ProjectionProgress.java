package io.tandem.kernel.projection;

import io.tandem.kernel.event.EventLogException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Whether a projection has applied every event of a tenant up to a log position: what a read with
 * {@code Tandem-Min-Position} waits for.
 *
 * <p>The check looks for an event of the tenant, at or below the position, of an aggregate type
 * the projection follows, whose version its checkpoint has not reached. To keep that scan short it
 * remembers, per projection and tenant, a position below which everything was applied; that mark
 * only ever covers events older than {@link #SETTLED}, because a transaction still in flight may
 * yet commit an event at a lower position than one already visible. Command transactions are
 * bounded well below that age (the server's transaction timeout).
 */
@ApplicationScoped
public class ProjectionProgress {
    /** How old an event must be before no transaction can still commit below it. */
    static final Duration SETTLED = Duration.ofSeconds(120);

    @Resource(lookup = "java:jboss/datasources/TandemDS")
    DataSource dataSource;

    private final Map<String, Long> settled = new ConcurrentHashMap<>();

    public boolean reached(Projection projection, UUID tenantId, long position) {
        String key = projection.name() + "/" + tenantId;
        long floor = settled.getOrDefault(key, 0L);
        if (position <= floor) {
            return true;
        }
        String types = String.join(",", projection.aggregateTypes().stream().map(t -> "?").toList());
        String sql = "select min(e.global_position) from event_log e where e.tenant_id = ? and e.global_position > ?"
                + " and e.global_position <= ? and e.aggregate_type in (" + types + ") and not exists"
                + " (select 1 from projection_checkpoint c where c.projector = ? and c.aggregate_id = e.aggregate_id"
                + " and c.aggregate_version >= e.aggregate_version)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setObject(i++, tenantId);
            ps.setLong(i++, floor);
            ps.setLong(i++, position);
            for (String type : projection.aggregateTypes()) {
                ps.setString(i++, type);
            }
            ps.setString(i, projection.name());
            long firstUnapplied;
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                firstUnapplied = rs.getLong(1);
                if (rs.wasNull()) {
                    firstUnapplied = 0;
                }
            }
            advanceFloor(c, key, floor, firstUnapplied == 0 ? position : firstUnapplied - 1, tenantId);
            return firstUnapplied == 0;
        } catch (SQLException e) {
            throw new EventLogException("could not read the progress of " + projection.name(), e);
        }
    }

    /** How far behind the projection is for a tenant: unapplied events and the age of the oldest. */
    public record Lag(long events, long millis, long checkpoint) {}

    public Lag lag(Projection projection, TenantScope scope) {
        long floor = scope.all() ? 0L : settled.getOrDefault(projection.name() + "/" + scope.key(), 0L);
        String types = String.join(",", projection.aggregateTypes().stream().map(t -> "?").toList());
        String sql = "select count(*), min(e.occurred_at) from event_log e where " + scope.condition("e.tenant_id")
                + " and e.global_position > ?"
                + " and e.aggregate_type in (" + types + ") and not exists (select 1 from projection_checkpoint c"
                + " where c.projector = ? and c.aggregate_id = e.aggregate_id and c.aggregate_version >= e.aggregate_version)";
        try (Connection c = dataSource.getConnection()) {
            long events;
            long millis = 0;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = scope.bind(ps, 1);
                ps.setLong(i++, floor);
                for (String type : projection.aggregateTypes()) {
                    ps.setString(i++, type);
                }
                ps.setString(i, projection.name());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    events = rs.getLong(1);
                    Timestamp oldest = rs.getTimestamp(2);
                    if (oldest != null) {
                        millis = Math.max(0, Duration.between(oldest.toInstant(), Instant.now()).toMillis());
                    }
                }
            }
            long checkpoint;
            try (PreparedStatement ps = c.prepareStatement("select max(global_position) from projection_checkpoint"
                    + " where projector = ? and " + scope.condition("tenant_id"))) {
                ps.setString(1, projection.name());
                scope.bind(ps, 2);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    checkpoint = rs.getLong(1);
                }
            }
            return new Lag(events, millis, checkpoint);
        } catch (SQLException e) {
            throw new EventLogException("could not read the lag of " + projection.name(), e);
        }
    }

    /** Moves the floor up to the newest settled event at or below the applied prefix. */
    private void advanceFloor(Connection c, String key, long floor, long appliedUpTo, UUID tenantId) throws SQLException {
        if (appliedUpTo <= floor) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("select max(global_position) from event_log where tenant_id = ?"
                + " and global_position > ? and global_position <= ? and occurred_at < ?")) {
            ps.setObject(1, tenantId);
            ps.setLong(2, floor);
            ps.setLong(3, appliedUpTo);
            ps.setTimestamp(4, Timestamp.from(Instant.now().minus(SETTLED)));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long newFloor = rs.getLong(1);
                if (!rs.wasNull() && newFloor > floor) {
                    settled.merge(key, newFloor, Math::max);
                }
            }
        }
    }
}
