package io.tandem.kernel.publication;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.kernel.command.CommandContext;
import io.tandem.kernel.command.Receipt;
import io.tandem.kernel.event.DomainEvent;
import io.tandem.kernel.event.EventLog;
import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.schema.InMemoryDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboxStoreTest {
    /** A small event of a test aggregate; the kernel stores any DomainEvent record the same way. */
    public record ThingNamed(UUID thingId, String name) implements DomainEvent {}

    private static final String THING = "Thing";

    private final UUID tenantId = UUID.randomUUID();
    private DataSource dataSource;
    private EventLog eventLog;
    private OutboxStore outbox;

    @BeforeEach
    void freshDatabase() {
        dataSource = InMemoryDatabase.withKernelSchema();
        eventLog = eventLogOn(dataSource);
        outbox = new OutboxStore();
        outbox.dataSource = dataSource;
    }

    @Test
    void theH2StoreStatementRunsInAutoCommitAndLeavesTheOutboxAsItWas() {
        eventLog.record(CommandContext.of(tenantId, "member:alice"), THING, UUID.randomUUID(), 1,
                new ThingNamed(UUID.randomUUID(), "kept"));
        // The statement H2 runs (a checkpoint) must be one the server's own user may run, in auto-commit.
        outbox.persistCommitted();
        assertThat(outbox.next(10)).hasSize(1);
    }

    @Test
    void hasNothingPendingInANewLog() {
        assertThat(outbox.next(10)).isEmpty();
        assertThat(outbox.pending()).isZero();
    }

    @Test
    void returnsRecordedEventsInPositionOrderWithEveryField() {
        UUID thingId = UUID.randomUUID();
        CommandContext ctx = CommandContext.of(tenantId, "member:alice");
        Instant before = Instant.now();
        Receipt first = eventLog.record(ctx, THING, thingId, 1, new ThingNamed(thingId, "first"));
        Receipt second = eventLog.record(CommandContext.of(tenantId, "member:bob"), THING, thingId, 2,
                new ThingNamed(thingId, "second"));
        Receipt third = eventLog.record(CommandContext.of(tenantId, "member:bob"), THING, UUID.randomUUID(), 1,
                new ThingNamed(UUID.randomUUID(), "third"));

        List<RecordedEvent> next = outbox.next(10);

        assertThat(next).extracting(RecordedEvent::position)
                .containsExactly(first.position(), second.position(), third.position())
                .isSorted();
        assertThat(first.position()).isLessThan(second.position());
        assertThat(ctx.receipt()).contains(first);
        assertThat(first).isEqualTo(new Receipt(thingId, 1, first.position()));

        RecordedEvent e = next.get(0);
        assertThat(e.tenantId()).isEqualTo(tenantId);
        assertThat(e.aggregateType()).isEqualTo(THING);
        assertThat(e.aggregateId()).isEqualTo(thingId);
        assertThat(e.aggregateVersion()).isEqualTo(1);
        assertThat(e.eventType()).isEqualTo("ThingNamed");
        assertThat(e.schemaVersion()).isEqualTo(1);
        assertThat(e.commandId()).isEqualTo(ctx.commandId());
        assertThat(e.correlationId()).isEqualTo(ctx.correlationId());
        assertThat(e.actor()).isEqualTo("member:alice");
        assertThat(e.faults()).isEmpty();
        assertThat(e.occurredAt()).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
        assertThat(e.eventId()).isNotNull();
        assertThat(e.payloadAs(ThingNamed.class)).isEqualTo(new ThingNamed(thingId, "first"));
        assertThat(next).extracting(RecordedEvent::eventId).doesNotHaveDuplicates();
        assertThat(next.get(1).payloadAs(ThingNamed.class).name()).isEqualTo("second");
        assertThat(next.get(1).actor()).isEqualTo("member:bob");
    }

    @Test
    void returnsNoMoreThanTheLimitStartingWithTheLowestPosition() {
        List<Receipt> receipts = recordThings(5);

        List<RecordedEvent> next = outbox.next(2);

        assertThat(next).extracting(RecordedEvent::position)
                .containsExactly(receipts.get(0).position(), receipts.get(1).position());
    }

    @Test
    void countsPendingEvents() {
        recordThings(3);

        assertThat(outbox.pending()).isEqualTo(3);
    }

    @Test
    void knowsTheLogsLastPositionAlsoOnceEverythingIsPublished() {
        assertThat(outbox.lastPosition()).isZero();
        List<Receipt> receipts = recordThings(3);

        outbox.markPublished(outbox.next(10));

        assertThat(outbox.lastPosition()).isEqualTo(receipts.get(2).position());
        assertThat(outbox.pending()).isZero();
    }

    @Test
    void forgetsEventsOnceTheyArePublished() {
        List<Receipt> receipts = recordThings(3);

        outbox.markPublished(outbox.next(2));

        assertThat(outbox.next(10)).extracting(RecordedEvent::position).containsExactly(receipts.get(2).position());
        assertThat(outbox.pending()).isEqualTo(1);
    }

    @Test
    void keepsThePublishedEventsInTheLog() throws SQLException {
        recordThings(2);

        outbox.markPublished(outbox.next(10));

        assertThat(outbox.next(10)).isEmpty();
        assertThat(outbox.pending()).isZero();
        assertThat(count("select count(*) from event_log")).isEqualTo(2);
    }

    @Test
    void toleratesMarkingAnEventPublishedTwice() {
        recordThings(2);
        List<RecordedEvent> batch = outbox.next(10);
        outbox.markPublished(batch);

        outbox.markPublished(batch);

        assertThat(outbox.pending()).isZero();
    }

    /**
     * A transaction takes a lower position but commits after a higher one was committed and
     * published. Reading "positions above the last one published" would skip it for ever; the
     * outbox must still hand it out.
     */
    @Test
    void publishesAnEventWhoseTransactionCommittedAfterALaterPositionWasPublished() throws SQLException {
        UUID lateThing = UUID.randomUUID();
        try (Connection late = dataSource.getConnection()) {
            late.setAutoCommit(false);
            long latePosition = insertEventAndOutboxRow(late, lateThing);

            Receipt committed = eventLog.record(CommandContext.of(tenantId, "member:bob"), THING, UUID.randomUUID(), 1,
                    new ThingNamed(UUID.randomUUID(), "committed first"));
            assertThat(latePosition).isLessThan(committed.position());

            List<RecordedEvent> visible = outbox.next(10);
            assertThat(visible).extracting(RecordedEvent::position).containsExactly(committed.position());
            assertThat(outbox.pending()).isEqualTo(1);
            outbox.markPublished(visible);
            assertThat(outbox.next(10)).isEmpty();

            late.commit();

            List<RecordedEvent> afterLateCommit = outbox.next(10);
            assertThat(afterLateCommit).extracting(RecordedEvent::position).containsExactly(latePosition);
            assertThat(afterLateCommit.get(0).aggregateId()).isEqualTo(lateThing);
            assertThat(afterLateCommit.get(0).payloadAs(ThingNamed.class).name()).isEqualTo("committed late");
            outbox.markPublished(afterLateCommit);
        }
        assertThat(outbox.pending()).isZero();
    }

    @Test
    void neverHandsOutAnEventWhoseTransactionRolledBack() throws SQLException {
        try (Connection aborted = dataSource.getConnection()) {
            aborted.setAutoCommit(false);
            insertEventAndOutboxRow(aborted, UUID.randomUUID());
            Receipt committed = eventLog.record(CommandContext.of(tenantId, "member:bob"), THING, UUID.randomUUID(), 1,
                    new ThingNamed(UUID.randomUUID(), "committed"));

            aborted.rollback();

            assertThat(outbox.next(10)).extracting(RecordedEvent::position).containsExactly(committed.position());
        }
    }

    private static EventLog eventLogOn(DataSource dataSource) {
        EventLog log = new EventLog();
        io.tandem.kernel.event.EventLogAccess.setDataSource(log, dataSource);
        return log;
    }

    private List<Receipt> recordThings(int count) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> {
                    UUID thingId = UUID.randomUUID();
                    return eventLog.record(CommandContext.of(tenantId, "member:alice"), THING, thingId, 1,
                            new ThingNamed(thingId, "thing " + i));
                })
                .toList();
    }

    /** What EventLog.record does, on a connection whose transaction the test controls. */
    private long insertEventAndOutboxRow(Connection c, UUID thingId) throws SQLException {
        long position;
        try (PreparedStatement ps = c.prepareStatement("insert into event_log (event_id, tenant_id, aggregate_type,"
                        + " aggregate_id, aggregate_version, event_type, schema_version, payload, command_id,"
                        + " correlation_id, actor, faults, occurred_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                new String[] {"GLOBAL_POSITION"})) {
            UUID commandId = UUID.randomUUID();
            ps.setObject(1, UUID.randomUUID());
            ps.setObject(2, tenantId);
            ps.setString(3, THING);
            ps.setObject(4, thingId);
            ps.setLong(5, 1);
            ps.setString(6, "ThingNamed");
            ps.setInt(7, 1);
            ps.setString(8, "{\"thingId\":\"" + thingId + "\",\"name\":\"committed late\"}");
            ps.setObject(9, commandId);
            ps.setObject(10, commandId);
            ps.setString(11, "member:carol");
            ps.setString(12, null);
            ps.setTimestamp(13, Timestamp.from(Instant.now()));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                assertThat(keys.next()).isTrue();
                position = keys.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("insert into event_outbox (global_position) values (?)")) {
            ps.setLong(1, position);
            ps.executeUpdate();
        }
        return position;
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
