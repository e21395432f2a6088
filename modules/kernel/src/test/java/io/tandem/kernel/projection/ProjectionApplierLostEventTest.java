package io.tandem.kernel.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.kernel.command.CommandContext;
import io.tandem.kernel.event.DomainEvent;
import io.tandem.kernel.event.EventLog;
import io.tandem.kernel.event.EventLogAccess;
import io.tandem.kernel.event.EventRows;
import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.schema.DatabaseKind;
import io.tandem.kernel.schema.InMemoryDatabase;
import io.tandem.kernel.tenant.TenantClosures;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The database came back from a crash without a commit the relay had already published (the
 * embedded H2 under kill -9 on CI: the log a few milliseconds short, the broker still holding the
 * last events). The projector gets the lost event after the restart and must leave the read model
 * and the checkpoint where the log is, so that the command that writes that version again is
 * applied and not skipped as a duplicate.
 */
class ProjectionApplierLostEventTest {
    private static final String BOARD = "thing-board";
    private static final String THING = "Thing";

    public record ThingNamed(UUID thingId, String name) implements DomainEvent {}

    private final UUID tenantId = UUID.randomUUID();
    private final UUID thingId = UUID.randomUUID();
    private final List<RecordedEvent> applied = new ArrayList<>();
    private DataSource dataSource;
    private EventLog log;
    private ProjectionApplier applier;

    @BeforeEach
    void applierOnAFreshEmbeddedDatabase() {
        dataSource = InMemoryDatabase.withKernelSchema();
        log = new EventLog();
        EventLogAccess.setDataSource(log, dataSource);
        var fence = new EventLogFence();
        fence.dataSource = dataSource;
        applier = ApplierFixture.applier(dataSource, new TenantClosures() {
            @Override
            public boolean drops(RecordedEvent e) {
                return false;
            }

            @Override
            public boolean closes(RecordedEvent e) {
                return false;
            }
        }, fence);
    }

    @Test
    void anEventTheLogLostIsNotAppliedAndItsVersionIsAppliedWhenWrittenAgain() throws SQLException {
        RecordedEvent created = record(1, "created");
        assertThat(applier.applyOrHold(board(), created, 1)).isEqualTo(ProjectionApplier.Applied.APPLIED);
        RecordedEvent lost = ghost(2, created.position() + 1, "lost in the crash");

        assertThat(applier.applyOrHold(board(), lost, 1)).isEqualTo(ProjectionApplier.Applied.LOST);
        assertThat(checkpointVersion()).isEqualTo(1);

        RecordedEvent rewritten = record(2, "written again after the restart");
        assertThat(applier.applyOrHold(board(), rewritten, 1)).isEqualTo(ProjectionApplier.Applied.APPLIED);
        assertThat(applied).containsExactly(created, rewritten);
        assertThat(checkpointVersion()).isEqualTo(2);
    }

    @Test
    void aLostEventInAMessageIsLeftOutAndTheRestApplied() throws SQLException {
        RecordedEvent created = record(1, "created");
        RecordedEvent lost = ghost(2, created.position() + 1, "lost in the crash");

        applier.applyAllOrHold(board(), List.of(created, lost), 1);

        assertThat(applied).containsExactly(created);
        assertThat(checkpointVersion()).isEqualTo(1);
    }

    @Test
    void aPositionTheLogGaveToAnotherEventAfterTheCrashDoesNotAdmitTheLostOne() throws SQLException {
        RecordedEvent created = record(1, "created");
        applier.applyOrHold(board(), created, 1);
        RecordedEvent other = record(UUID.randomUUID(), 1, "another aggregate's, at the lost event's position");

        RecordedEvent lost = ghost(2, other.position(), "lost in the crash");

        assertThat(applier.applyOrHold(board(), lost, 1)).isEqualTo(ProjectionApplier.Applied.LOST);
        assertThat(applied).containsExactly(created);
        assertThat(checkpointVersion()).isEqualTo(1);
    }

    @Test
    void aLostEventRetriedFromTheParkingLotIsNotApplied() throws SQLException {
        applier.applyOrHold(board(), record(1, "created"), 1);

        assertThat(applier.retry(board(), ghost(2, 1_000, "lost in the crash"))).isFalse();
        assertThat(applied).hasSize(1);
        assertThat(checkpointVersion()).isEqualTo(1);
    }

    @Test
    void onPostgresWithSynchronousCommitsTheFenceAsksNothingAfterTheSettingAndAdmits() throws Exception {
        var session = new PostgresSettings("on");
        var fence = new EventLogFence();
        fence.dataSource = session.dataSource();
        try (var ignored = DatabaseKind.pretendPostgres()) {
            assertThat(fence.admits(BOARD, ghost(2, 1_000, "never looked up"))).isTrue();
            assertThat(fence.admits(BOARD, ghost(3, 1_001, "never looked up"))).isTrue();
        }
        assertThat(session.lookups).hasValue(0);
        assertThat(session.settingsAsked).hasValue(1);
    }

    @Test
    void onPostgresWithoutSynchronousCommitsTheFenceLooksTheEventUp() throws Exception {
        var session = new PostgresSettings("off");
        var fence = new EventLogFence();
        fence.dataSource = session.dataSource();
        try (var ignored = DatabaseKind.pretendPostgres()) {
            assertThat(fence.admits(BOARD, ghost(2, 1_000, "not in the log"))).isFalse();
        }
        assertThat(session.lookups).hasValue(1);
    }

    private RecordedEvent record(long version, String name) throws SQLException {
        return record(thingId, version, name);
    }

    private RecordedEvent record(UUID aggregate, long version, String name) throws SQLException {
        long position = log.record(CommandContext.of(tenantId, "member:alice"), THING, aggregate, version,
                new ThingNamed(aggregate, name)).position();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select " + EventRows.COLUMNS + " from event_log e where e.global_position = ?")) {
            ps.setLong(1, position);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("the recorded event").isTrue();
                return EventRows.read(rs);
            }
        }
    }

    /** An event as the broker still carries it after the database lost its commit. */
    private RecordedEvent ghost(long version, long position, String name) {
        UUID commandId = UUID.randomUUID();
        return new RecordedEvent(UUID.randomUUID(), position, tenantId, THING, thingId, version, "ThingNamed", 1,
                Instant.now(), commandId, commandId, "member:alice", Set.of(),
                "{\"thingId\":\"" + thingId + "\",\"name\":\"" + name + "\"}");
    }

    private Projection board() {
        return ApplierFixture.recording(BOARD, THING, "thing_board", applied);
    }

    private long checkpointVersion() throws SQLException {
        return ApplierFixture.checkpointVersion(dataSource, BOARD, thingId);
    }

    /** A PostgreSQL session reduced to its synchronous_commit setting, counting what the fence asks. */
    private static final class PostgresSettings {
        private final String synchronousCommit;
        final AtomicInteger settingsAsked = new AtomicInteger();
        final AtomicInteger lookups = new AtomicInteger();

        PostgresSettings(String synchronousCommit) {
            this.synchronousCommit = synchronousCommit;
        }

        DataSource dataSource() {
            return proxy(DataSource.class, (method, args) -> method.equals("getConnection") ? connection() : null);
        }

        private Connection connection() {
            return proxy(Connection.class, (method, args) -> switch (method) {
                case "createStatement" -> statement();
                case "prepareStatement" -> {
                    lookups.incrementAndGet();
                    yield proxy(PreparedStatement.class, (m, a) -> m.equals("executeQuery") ? rows(List.of()) : null);
                }
                default -> null;
            });
        }

        private Statement statement() {
            return proxy(Statement.class, (method, args) -> {
                if (method.equals("executeQuery")) {
                    assertThat((String) args[0]).isEqualTo("show synchronous_commit");
                    settingsAsked.incrementAndGet();
                    return rows(List.of(synchronousCommit));
                }
                return null;
            });
        }

        private static ResultSet rows(List<String> values) {
            int[] at = {-1};
            return proxy(ResultSet.class, (method, args) -> switch (method) {
                case "next" -> ++at[0] < values.size();
                case "getString" -> values.get(at[0]);
                default -> null;
            });
        }

        private interface Answer {
            Object answer(String method, Object[] args) throws Exception;
        }

        private static <T> T proxy(Class<T> type, Answer answer) {
            return type.cast(Proxy.newProxyInstance(PostgresSettings.class.getClassLoader(), new Class<?>[] {type},
                    (p, method, args) -> {
                        Object value = answer.answer(method.getName(), args);
                        if (value == null && method.getReturnType() == boolean.class) {
                            return false;
                        }
                        return value;
                    }));
        }
    }
}
