package io.tandem.kernel.projection;

import io.tandem.kernel.event.EventLogException;
import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.schema.Databases;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Keeps the read models from getting ahead of the event log when the database comes back from a
 * crash without transactions that other sessions had already seen committed.
 *
 * <p>The relay publishes an event once its commit is visible, and the broker keeps what it was
 * given. A database that loses a visible commit in a crash leaves the broker holding events the
 * log no longer has, and a projector that applied them after the restart showed changes the log
 * had lost (and took the lost event's version, so the command that later wrote that version again
 * was skipped as a duplicate). The embedded H2 did this on CI under {@code KillDuringLoadIT}: the
 * log came back from {@code kill -9} without the last few milliseconds of commits, which the relay
 * had read, checkpointed and published (ADR 0002, amendments of 2026-12-05).
 *
 * <p>So on such a database a projector applies an event only if the log still holds it, by its
 * position and id, in the projector's own transaction: an event lost from the log is dropped, and
 * its checkpoint stays where the log is. PostgreSQL with {@code synchronous_commit} on makes a
 * commit durable before any other session sees it, so there the check is skipped, with no round
 * trip; with it off, PostgreSQL can lose a visible commit in its own crash, and the check runs.
 */
@ApplicationScoped
public class EventLogFence {
    private static final Logger LOG = Logger.getLogger(EventLogFence.class.getName());
    private static final String HOLDS = "select event_id from event_log where global_position = ?";

    @Resource(lookup = "java:jboss/datasources/TandemDS")
    DataSource dataSource;

    /** Whether a visible commit can be lost in a crash of the database: asked once, a server has one datasource. */
    private volatile Boolean lossy;

    /**
     * Whether the event may be applied: true where commits are durable once visible, else whether
     * the log holds the event at its position.
     */
    public boolean admits(String projector, RecordedEvent e) {
        if (Boolean.FALSE.equals(lossy)) {
            return true;
        }
        try (Connection c = dataSource.getConnection()) {
            if (!lossy(c)) {
                return true;
            }
            UUID held;
            try (PreparedStatement ps = c.prepareStatement(HOLDS)) {
                ps.setLong(1, e.position());
                try (ResultSet rs = ps.executeQuery()) {
                    held = rs.next() ? rs.getObject(1, UUID.class) : null;
                }
            }
            if (e.eventId().equals(held)) {
                return true;
            }
            LOG.warning(() -> projector + " drops " + e.eventType() + " " + e.eventId() + " (" + e.aggregateType()
                    + " " + e.aggregateId() + " v" + e.aggregateVersion() + ", position " + e.position()
                    + "): the event log does not hold it; the database lost its commit in a crash after it was published");
            return false;
        } catch (SQLException ex) {
            throw new EventLogException("could not look up event " + e.eventId() + " in the log for " + projector, ex);
        }
    }

    private boolean lossy(Connection c) throws SQLException {
        Boolean known = lossy;
        if (known == null) {
            known = !Databases.isPostgres(c) || synchronousCommitOff(c);
            lossy = known;
        }
        return known;
    }

    private static boolean synchronousCommitOff(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("show synchronous_commit")) {
            return rs.next() && "off".equals(rs.getString(1).toLowerCase(Locale.ROOT));
        }
    }
}
