package io.tandem.kernel.event;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** Reads event_log rows (aliased {@code e}) selected with {@link #COLUMNS}. */
public final class EventRows {
    public static final String COLUMNS = "e.global_position, e.event_id, e.tenant_id, e.aggregate_type,"
            + " e.aggregate_id, e.aggregate_version, e.event_type, e.schema_version, e.occurred_at, e.command_id,"
            + " e.correlation_id, e.actor, e.faults, e.payload";

    private EventRows() {}

    public static RecordedEvent read(ResultSet rs) throws SQLException {
        String faults = rs.getString(13);
        Set<String> faultSet = faults == null ? Set.of() : new HashSet<>(Arrays.asList(faults.split(",")));
        return new RecordedEvent(
                rs.getObject(2, UUID.class),
                rs.getLong(1),
                rs.getObject(3, UUID.class),
                rs.getString(4),
                rs.getObject(5, UUID.class),
                rs.getLong(6),
                rs.getString(7),
                rs.getInt(8),
                rs.getTimestamp(9).toInstant(),
                rs.getObject(10, UUID.class),
                rs.getObject(11, UUID.class),
                rs.getString(12),
                faultSet,
                rs.getString(14));
    }
}
