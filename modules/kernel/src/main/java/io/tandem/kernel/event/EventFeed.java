package io.tandem.kernel.event;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A tenant's events in log order, for integrators who pull the stream and for audits. The event log
 * is append-only and every row carries its tenant, so this never sees another tenant's events.
 *
 * <p>Reading by position can miss an event whose transaction took a lower position but has not
 * committed yet; a consumer that needs every event re-reads a short window behind its last
 * position (the outbox relay, which must never miss one, reads the outbox instead).
 */
@ApplicationScoped
public class EventFeed {
    private static final String AFTER = "select " + EventRows.COLUMNS
            + " from event_log e where e.tenant_id = ? and e.global_position > ? order by e.global_position"
            + " fetch first ? rows only";

    @Resource(lookup = "java:jboss/datasources/TandemDS")
    DataSource dataSource;

    public List<RecordedEvent> after(UUID tenantId, long position, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(AFTER)) {
            ps.setObject(1, tenantId);
            ps.setLong(2, position);
            ps.setInt(3, limit);
            List<RecordedEvent> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(EventRows.read(rs));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new EventLogException("could not read the event log", e);
        }
    }
}
