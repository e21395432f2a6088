package io.tandem.kernel.projection;

import io.tandem.kernel.event.EventJson;
import io.tandem.kernel.event.EventLogException;
import io.tandem.kernel.event.RecordedEvent;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The parking lot of events projectors could not apply. Rows are kept after they are resolved
 * (retried or skipped, with who and why) as a record of what happened to each dead letter.
 */
@ApplicationScoped
public class ParkedEvents {
    private static final String COLUMNS = "projector, envelope, reason, error, attempts, parked_at, state, resolved_at,"
            + " resolved_by, resolution_note";

    @Resource(lookup = "java:jboss/datasources/TandemDS")
    DataSource dataSource;

    /**
     * Whether any event is parked at all; null when unknown. While nothing is parked (the normal
     * case) the delivery path needs no look-up.
     */
    private volatile Boolean anyParked;

    public void park(String projector, RecordedEvent e, String reason, String error, int attempts) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("insert into parked_event"
                + " (projector, event_id, tenant_id, aggregate_id, aggregate_version, global_position, event_type, envelope,"
                + " reason, error, attempts, parked_at, state) values (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, projector);
            ps.setObject(2, e.eventId());
            ps.setObject(3, e.tenantId());
            ps.setObject(4, e.aggregateId());
            ps.setLong(5, e.aggregateVersion());
            ps.setLong(6, e.position());
            ps.setString(7, e.eventType());
            ps.setString(8, EventJson.envelope(e));
            ps.setString(9, reason);
            ps.setString(10, error == null ? null : error.substring(0, Math.min(error.length(), 2000)));
            ps.setInt(11, attempts);
            ps.setTimestamp(12, Timestamp.from(Instant.now()));
            ps.setString(13, ParkedEvent.PARKED);
            ps.executeUpdate();
            anyParked = Boolean.TRUE;
        } catch (SQLException ex) {
            throw new EventLogException("could not park event " + e.eventId(), ex);
        }
    }

    /** Whether an event of this aggregate is parked for the projector (its successors must wait). */
    public boolean blocks(String projector, UUID aggregateId) {
        try (Connection c = dataSource.getConnection()) {
            Boolean any = anyParked;
            if (any == null) {
                try (PreparedStatement ps = c.prepareStatement("select count(*) from parked_event where state = ?")) {
                    ps.setString(1, ParkedEvent.PARKED);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        any = rs.getLong(1) > 0;
                    }
                }
                anyParked = any;
            }
            if (!any) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement("select 1 from parked_event where projector = ?"
                    + " and aggregate_id = ? and state = ?")) {
                ps.setString(1, projector);
                ps.setObject(2, aggregateId);
                ps.setString(3, ParkedEvent.PARKED);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        } catch (SQLException ex) {
            throw new EventLogException("could not read parked events", ex);
        }
    }

    /** Whether this event is in the parking lot already (a redelivery after a crash, say). */
    public boolean contains(String projector, UUID eventId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select 1 from parked_event where projector = ? and event_id = ?")) {
            ps.setString(1, projector);
            ps.setObject(2, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException ex) {
            throw new EventLogException("could not read parked events", ex);
        }
    }

    /** The parked events of one aggregate for a projector, in version order. */
    public List<ParkedEvent> ofAggregate(String projector, UUID aggregateId) {
        return query("select " + COLUMNS + " from parked_event where projector = ? and aggregate_id = ? and state = ?"
                + " order by aggregate_version", ps -> {
                    ps.setString(1, projector);
                    ps.setObject(2, aggregateId);
                    ps.setString(3, ParkedEvent.PARKED);
                });
    }

    /** The scope's parked (and, if asked, resolved) events of a projector, in log order. */
    public List<ParkedEvent> of(String projector, TenantScope scope, boolean includeResolved) {
        return query("select " + COLUMNS + " from parked_event where projector = ? and " + scope.condition("tenant_id")
                + (includeResolved ? "" : " and state = '" + ParkedEvent.PARKED + "'") + " order by global_position", ps -> {
                    ps.setString(1, projector);
                    scope.bind(ps, 2);
                });
    }

    public Optional<ParkedEvent> find(String projector, TenantScope scope, UUID eventId) {
        return query("select " + COLUMNS + " from parked_event where projector = ? and event_id = ? and "
                + scope.condition("tenant_id"), ps -> {
                    ps.setString(1, projector);
                    ps.setObject(2, eventId);
                    scope.bind(ps, 3);
                })
                .stream()
                .findFirst();
    }

    public long countParked(String projector, TenantScope scope) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("select count(*)"
                + " from parked_event where projector = ? and state = ? and " + scope.condition("tenant_id"))) {
            ps.setString(1, projector);
            ps.setString(2, ParkedEvent.PARKED);
            scope.bind(ps, 3);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException ex) {
            throw new EventLogException("could not count parked events", ex);
        }
    }

    public void resolve(String projector, UUID eventId, String state, String by, String note) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("update parked_event"
                + " set state = ?, resolved_at = ?, resolved_by = ?, resolution_note = ? where projector = ? and event_id = ?"
                + " and state = ?")) {
            ps.setString(1, state);
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            ps.setString(3, by);
            ps.setString(4, note);
            ps.setString(5, projector);
            ps.setObject(6, eventId);
            ps.setString(7, ParkedEvent.PARKED);
            ps.executeUpdate();
            anyParked = null;
        } catch (SQLException ex) {
            throw new EventLogException("could not resolve parked event " + eventId, ex);
        }
    }

    public void recordFailure(String projector, UUID eventId, String error) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("update parked_event"
                + " set error = ?, attempts = attempts + 1, reason = ? where projector = ? and event_id = ?")) {
            ps.setString(1, error == null ? null : error.substring(0, Math.min(error.length(), 2000)));
            ps.setString(2, ParkedEvent.FAILED);
            ps.setString(3, projector);
            ps.setObject(4, eventId);
            ps.executeUpdate();
        } catch (SQLException ex) {
            throw new EventLogException("could not record a failed retry of " + eventId, ex);
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<ParkedEvent> query(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<ParkedEvent> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp resolved = rs.getTimestamp(8);
                    rows.add(new ParkedEvent(rs.getString(1), EventJson.fromEnvelope(rs.getString(2)), rs.getString(3),
                            rs.getString(4), rs.getInt(5), rs.getTimestamp(6).toInstant(), rs.getString(7),
                            resolved == null ? null : resolved.toInstant(), rs.getString(9), rs.getString(10)));
                }
            }
            return rows;
        } catch (SQLException ex) {
            throw new EventLogException("could not read parked events", ex);
        }
    }
}
