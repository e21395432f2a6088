package io.tandem.kernel.tenant;

import io.tandem.kernel.event.EventJson;
import io.tandem.kernel.event.EventLogException;
import io.tandem.kernel.event.EventRows;
import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.projection.Projection;
import io.tandem.kernel.projection.ProjectionCatalog;
import io.tandem.kernel.projection.ReadModelTwins;
import io.tandem.kernel.projection.ReadModelVersions;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Export and erasure of a closing tenant, and the memory of which tenants are closed.
 *
 * <p>The export holds every event of the tenant (in its current schema) and every read-model row;
 * the erasure, in the closing command's own transaction, deletes the tenant's rows from the
 * write models of every context ({@link TenantOwnedTables}), every read model, the kernel's own
 * tables and the event log, keeping only the closing event itself (the tombstone the operator's
 * directory is built from). Events already on their way to a projector when the tenant closed are
 * dropped on arrival ({@link #drops}); an hourly sweep erases any read-model row such an event
 * could still have written in the instant of the closing commit.
 */
@ApplicationScoped
public class TenantClosures {
    private static final Logger LOG = Logger.getLogger(TenantClosures.class.getName());

    @Resource(lookup = "java:jboss/datasources/TandemDS")
    DataSource dataSource;

    @Resource(lookup = "java:jboss/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transaction;

    @Inject
    ProjectionCatalog catalog;

    @Inject
    ReadModelVersions versions;

    @Inject
    io.tandem.kernel.event.Upcasters upcasters;

    @Inject
    @Any
    Instance<TenantOwnedTables> writeModels;

    private volatile Map<UUID, Long> closed;

    /** Each read-model table's primary-key columns, the order its rows are exported in. */
    private final Map<String, String> primaryKeys = new ConcurrentHashMap<>();

    /** Whether an event belongs to a closed tenant and predates its closing: such an event is not applied. */
    public boolean drops(RecordedEvent e) {
        Long closing = closed().get(e.tenantId());
        return closing != null && e.position() < closing;
    }

    /**
     * Whether the event is a closed tenant's closing event: the erasure deleted the tenant's events
     * before it, so in the log its aggregate starts there, at a version above 1, and a replay of the
     * log must take the versions before it as applied.
     */
    public boolean closes(RecordedEvent e) {
        Long closing = closed().get(e.tenantId());
        return closing != null && e.position() == closing;
    }

    /** Every event and read-model row of the tenant, as one JSON document. */
    public JsonObject export(UUID tenantId) {
        JsonObjectBuilder doc = EventJson.JSON.createObjectBuilder()
                .add("tenantId", tenantId.toString())
                .add("exportedAt", Instant.now().toString());
        try (Connection c = dataSource.getConnection(); var bound = TenantSessions.bind(c, tenantId)) {
            JsonArrayBuilder events = EventJson.JSON.createArrayBuilder();
            try (PreparedStatement ps = c.prepareStatement("select " + EventRows.COLUMNS
                    + " from event_log e where e.tenant_id = ? order by e.global_position")) {
                ps.setObject(1, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        events.add(eventJson(upcasters.upcast(EventRows.read(rs))));
                    }
                }
            }
            doc.add("events", events);
            JsonObjectBuilder readModels = EventJson.JSON.createObjectBuilder();
            for (Projection p : catalog.all()) {
                for (String table : p.tables()) {
                    readModels.add(table, rows(c, table, tenantId));
                }
            }
            doc.add("readModels", readModels);
        } catch (SQLException e) {
            throw new EventLogException("could not export tenant " + tenantId, e);
        }
        return doc.build();
    }

    /**
     * Deletes the tenant's rows everywhere, in the caller's transaction. {@code closingPosition} is
     * the position of the closing event, which stays, and so do the projection checkpoints of its
     * aggregate: without them the closing event would look out of order to every projector.
     */
    public void erase(UUID tenantId, long closingPosition, UUID closingAggregateId) {
        try (Connection c = dataSource.getConnection(); var bound = TenantSessions.bind(c, tenantId)) {
            for (TenantOwnedTables model : writeModels) {
                for (String table : model.tables()) {
                    delete(c, "delete from " + table + " where tenant_id = ?", tenantId);
                }
            }
            for (Projection p : catalog.all()) {
                versions.changing(p.name(), tenantId);
            }
            eraseReadModels(c, tenantId);
            for (String checkpoints : List.of("projection_checkpoint", "projection_checkpoint_rebuild")) {
                try (PreparedStatement ps = c.prepareStatement(
                        "delete from " + checkpoints + " where tenant_id = ? and aggregate_id <> ?")) {
                    ps.setObject(1, tenantId);
                    ps.setObject(2, closingAggregateId);
                    ps.executeUpdate();
                }
            }
            delete(c, "delete from idempotency_key where tenant_id = ?", tenantId);
            delete(c, "delete from parked_event where tenant_id = ?", tenantId);
            try (PreparedStatement ps = c.prepareStatement("delete from event_outbox where global_position in"
                    + " (select global_position from event_log where tenant_id = ? and global_position < ?)")) {
                ps.setObject(1, tenantId);
                ps.setLong(2, closingPosition);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "delete from event_log where tenant_id = ? and global_position < ?")) {
                ps.setObject(1, tenantId);
                ps.setLong(2, closingPosition);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into tenant_closure (tenant_id, closing_position, closed_at) values (?, ?, ?)")) {
                ps.setObject(1, tenantId);
                ps.setLong(2, closingPosition);
                ps.setTimestamp(3, Timestamp.from(Instant.now()));
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new EventLogException("could not erase tenant " + tenantId, e);
        }
        transaction.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    closed().put(tenantId, closingPosition);
                }
            }
        });
    }

    /** Erases read-model rows of closed tenants that a late event could have written; returns how many. */
    public int sweep() {
        int erased = 0;
        try (Connection c = dataSource.getConnection()) {
            for (UUID tenantId : closed().keySet()) {
                try (var bound = TenantSessions.bind(c, tenantId)) {
                    erased += eraseReadModels(c, tenantId);
                }
            }
        } catch (SQLException e) {
            throw new EventLogException("could not sweep closed tenants", e);
        }
        if (erased > 0) {
            LOG.info(() -> "erased read-model rows of closed tenants written after their closing");
        }
        return erased;
    }

    /**
     * Erases closed tenants' rows from a projection's twin tables and their twin checkpoints before
     * the events they closed with, just before a platform-wide rebuild swaps the twins in. A replay
     * share that read a tenant's events before its closing committed can write them into the twins
     * while the erasure deletes there (read committed: neither sees the other's rows); without this
     * the swap would carry them into the live tables until the hourly {@link #sweep}. Returns the
     * rows erased.
     */
    public int eraseFromTwins(Projection p) {
        if (p.keepsClosedTenants()) {
            return 0;
        }
        int erased = 0;
        try (Connection c = dataSource.getConnection()) {
            for (Map.Entry<UUID, Long> tenant : closed().entrySet()) {
                try (var bound = TenantSessions.bind(c, tenant.getKey())) {
                    for (String table : p.tables()) {
                        erased += delete(c, "delete from " + table + "_rebuild where tenant_id = ?", tenant.getKey());
                    }
                    try (PreparedStatement ps = c.prepareStatement("delete from projection_checkpoint_rebuild"
                            + " where projector = ? and tenant_id = ? and global_position < ?")) {
                        ps.setString(1, p.name());
                        ps.setObject(2, tenant.getKey());
                        ps.setLong(3, tenant.getValue());
                        erased += ps.executeUpdate();
                    }
                }
            }
        } catch (SQLException e) {
            throw new EventLogException("could not erase closed tenants from the twins of " + p.name(), e);
        }
        if (erased > 0) {
            int rows = erased;
            LOG.info(() -> "erased " + rows + " rows of closed tenants from the twins of " + p.name() + " before its swap");
        }
        return erased;
    }

    private int eraseReadModels(Connection c, UUID tenantId) throws SQLException {
        int erased = 0;
        for (Projection p : catalog.all()) {
            if (p.keepsClosedTenants()) {
                continue;
            }
            for (String table : p.tables()) {
                erased += delete(c, "delete from " + table + " where tenant_id = ?", tenantId);
                erased += delete(c, "delete from " + table + "_rebuild where tenant_id = ?", tenantId);
            }
        }
        return erased;
    }

    private Map<UUID, Long> closed() {
        Map<UUID, Long> known = closed;
        if (known == null) {
            synchronized (this) {
                if (closed == null) {
                    closed = load();
                }
                known = closed;
            }
        }
        return known;
    }

    private Map<UUID, Long> load() {
        Map<UUID, Long> loaded = new ConcurrentHashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select tenant_id, closing_position from tenant_closure");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                loaded.put(rs.getObject(1, UUID.class), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new EventLogException("could not read the closed tenants", e);
        }
        return loaded;
    }

    private static int delete(Connection c, String sql, UUID tenantId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenantId);
            return ps.executeUpdate();
        }
    }

    /**
     * The rows in primary-key order: without an order the database returns them as its plan finds
     * them, and two exports of an unchanged tenant came out different on PostgreSQL.
     */
    private JsonArrayBuilder rows(Connection c, String table, UUID tenantId) throws SQLException {
        JsonArrayBuilder rows = EventJson.JSON.createArrayBuilder();
        String order = primaryKeys.get(table);
        if (order == null) {
            List<String> key = ReadModelTwins.primaryKey(c, table);
            if (key.isEmpty()) {
                throw new IllegalStateException("read-model table " + table + " has no primary key to export it in order");
            }
            order = String.join(", ", key);
            primaryKeys.put(table, order);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "select * from " + table + " where tenant_id = ? order by " + order)) {
            ps.setObject(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    JsonObjectBuilder row = EventJson.JSON.createObjectBuilder();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        String column = meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT);
                        Object value = rs.getObject(i);
                        if (value == null) {
                            row.addNull(column);
                        } else if (value instanceof Number n && !(value instanceof java.math.BigDecimal)) {
                            row.add(column, n.longValue());
                        } else if (value instanceof Boolean b) {
                            row.add(column, b);
                        } else if (value instanceof Timestamp t) {
                            row.add(column, t.toInstant().toString());
                        } else if (value instanceof java.time.OffsetDateTime t) {
                            row.add(column, t.toInstant().toString());
                        } else {
                            row.add(column, value.toString());
                        }
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static JsonObject eventJson(RecordedEvent e) {
        JsonObject payload;
        try (JsonReader reader = EventJson.JSON.createReader(new StringReader(e.payload()))) {
            payload = reader.readObject();
        }
        return EventJson.JSON.createObjectBuilder()
                .add("position", e.position())
                .add("eventId", e.eventId().toString())
                .add("aggregateType", e.aggregateType())
                .add("aggregateId", e.aggregateId().toString())
                .add("aggregateVersion", e.aggregateVersion())
                .add("eventType", e.eventType())
                .add("schemaVersion", e.schemaVersion())
                .add("occurredAt", e.occurredAt().toString())
                .add("actor", e.actor())
                .add("payload", payload)
                .build();
    }
}
