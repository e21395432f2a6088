package io.tandem.kernel.event;

import io.tandem.kernel.command.CommandContext;
import io.tandem.kernel.command.Receipt;
import io.tandem.kernel.fault.Faults;
import io.tandem.kernel.id.TimeOrderedIds;
import io.tandem.kernel.idempotency.IdempotencyKeys;
import io.tandem.kernel.schema.Databases;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Appends events to the event log and to the outbox, in the caller's JTA transaction.
 *
 * <p>It must be called inside the command handler's transaction: the datasource hands out the
 * connection already enlisted in it, so the events commit or roll back together with the
 * aggregate's state, and the outbox row makes the relay publish them only once they have committed.
 * The unique (aggregate_id, aggregate_version) constraint is the last guard against two writers of
 * one aggregate.
 */
@ApplicationScoped
public class EventLog {
    static final String INSERT_EVENT = "insert into event_log (event_id, tenant_id, aggregate_type, aggregate_id,"
            + " aggregate_version, event_type, schema_version, payload, command_id, correlation_id, actor, faults,"
            + " occurred_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?)";
    /** How long the slow-commit fault holds the command's transaction open. */
    static final long SLOW_COMMIT_MILLIS = 4000;

    static final String INSERT_OUTBOX = "insert into event_outbox (global_position) values (?)";
    /**
     * PostgreSQL appends to the log and the outbox in one statement (a data-modifying WITH): one
     * round trip per event instead of two, which both sides pay for in CPU on every command.
     */
    static final String INSERT_EVENT_AND_OUTBOX = "with appended as (" + INSERT_EVENT + " returning global_position)"
            + " insert into event_outbox (global_position) select global_position from appended returning global_position";

    @Resource(lookup = "java:jboss/datasources/TandemDS")
    DataSource dataSource;

    @Inject
    IdempotencyKeys idempotencyKeys;

    @Inject
    Event<LostCommit> lostCommits;

    /**
     * Appends one event of an aggregate at the given (new) version, completes the command's receipt
     * with it, and returns that receipt.
     */
    public Receipt record(CommandContext ctx, String aggregateType, UUID aggregateId, long version, DomainEvent event) {
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection()) {
            long position;
            boolean postgres = Databases.isPostgres(c);
            try (PreparedStatement ps = postgres ? c.prepareStatement(INSERT_EVENT_AND_OUTBOX)
                    // H2 folds unquoted names to upper case; generated keys are looked up by exact name.
                    : c.prepareStatement(INSERT_EVENT, new String[] {"GLOBAL_POSITION"})) {
                ps.setObject(1, TimeOrderedIds.next());
                ps.setObject(2, ctx.tenantId());
                ps.setString(3, aggregateType);
                ps.setObject(4, aggregateId);
                ps.setLong(5, version);
                ps.setString(6, event.eventType());
                ps.setInt(7, event.schemaVersion());
                ps.setString(8, EventJson.toJson(event));
                ps.setObject(9, ctx.commandId());
                ps.setObject(10, ctx.correlationId());
                ps.setString(11, ctx.actor());
                ps.setString(12, ctx.faults().isEmpty() ? null : String.join(",", ctx.faults()));
                ps.setTimestamp(13, Timestamp.from(now));
                if (postgres) {
                    try (ResultSet appended = ps.executeQuery()) {
                        appended.next();
                        position = appended.getLong(1);
                    }
                } else {
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        position = keys.getLong(1);
                    }
                }
            }
            if (!postgres) {
                try (PreparedStatement ps = c.prepareStatement(INSERT_OUTBOX)) {
                    ps.setLong(1, position);
                    ps.executeUpdate();
                }
            }
            Faults.trigger(ctx.faults(), Faults.AFTER_APPEND);
            if (Faults.requested(ctx.faults(), Faults.PUBLISHED_THEN_LOST)) {
                lostCommits.fire(new LostCommit(appended(c, position)));
                throw new Faults.InjectedFault(Faults.PUBLISHED_THEN_LOST);
            }
            Receipt receipt = new Receipt(aggregateId, version, position);
            ctx.complete(receipt);
            ctx.idempotency().ifPresent(claim -> idempotencyKeys.complete(claim, receipt));
            Faults.pause(ctx.faults(), Faults.SLOW_COMMIT, SLOW_COMMIT_MILLIS);
            return receipt;
        } catch (SQLException e) {
            throw new EventLogException("could not append " + event.eventType() + " to the event log", e);
        }
    }

    /** The event just appended, as the relay would read it (the command's own connection sees it before the commit). */
    private static RecordedEvent appended(Connection c, long position) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select " + EventRows.COLUMNS + " from event_log e where e.global_position = ?")) {
            ps.setLong(1, position);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return EventRows.read(rs);
            }
        }
    }
}
