package io.tandem.kernel.projection;

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
    private static final String CURRENT =
            "select aggregate_version from projection_checkpoint where projector = ? and aggregate_id = ?";

    @Resource(lookup = "java:jboss/datasources/TandemDS")
    DataSource dataSource;

    /**
     * Claims the event for the projector.
     *
     * @return true if the caller must apply it now, false if it was applied before
     * @throws EventOutOfOrder if an earlier event of the same aggregate is still missing
     */
    public boolean claim(String projector, RecordedEvent e) {
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = dataSource.getConnection()) {
            if (e.aggregateVersion() == 1) {
                Long current = current(c, projector, e);
                if (current != null) {
                    return false;
                }
                // Two deliveries of the same first event racing here: one insert fails on the
                // primary key, its transaction rolls back and the redelivery then sees the row.
                try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                    ps.setString(1, projector);
                    ps.setObject(2, e.aggregateId());
                    ps.setObject(3, e.tenantId());
                    ps.setLong(4, 1);
                    ps.setLong(5, e.position());
                    ps.setTimestamp(6, now);
                    ps.executeUpdate();
                }
                return true;
            }
            try (PreparedStatement ps = c.prepareStatement(ADVANCE)) {
                ps.setLong(1, e.aggregateVersion());
                ps.setLong(2, e.position());
                ps.setTimestamp(3, now);
                ps.setString(4, projector);
                ps.setObject(5, e.aggregateId());
                ps.setLong(6, e.aggregateVersion() - 1);
                if (ps.executeUpdate() == 1) {
                    return true;
                }
            }
            Long current = current(c, projector, e);
            if (current != null && current >= e.aggregateVersion()) {
                return false;
            }
            throw new EventOutOfOrder(projector, e, current == null ? 0 : current);
        } catch (SQLException ex) {
            throw new EventLogException("could not claim event " + e.eventId() + " for " + projector, ex);
        }
    }

    /** Whether the projector has applied (or skipped past) this event already. */
    public boolean applied(String projector, RecordedEvent e) {
        try (Connection c = dataSource.getConnection()) {
            Long current = current(c, projector, e);
            return current != null && current >= e.aggregateVersion();
        } catch (SQLException ex) {
            throw new EventLogException("could not read the checkpoint of " + projector, ex);
        }
    }

    private static Long current(Connection c, String projector, RecordedEvent e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CURRENT)) {
            ps.setString(1, projector);
            ps.setObject(2, e.aggregateId());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }
}
