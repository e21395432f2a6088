package io.tandem.kernel.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.schema.InMemoryDatabase;
import io.tandem.kernel.tenant.TenantClosures;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A tenant closed before its earlier events reached a projector: the closing erased those still
 * unpublished and the projector drops those in flight, so the closing event (at a version above 1)
 * must not wait for them. CI caught it: a tenant closed 19 ms after its sign-up had its
 * TenantClosed parked as out of order after 15 attempts, and the projections never settled.
 */
class ProjectionApplierClosingTest {
    private static final String DIRECTORY = "tenant-directory";
    private static final long CLOSING_POSITION = 50;

    private final UUID tenantId = UUID.randomUUID();
    private final List<RecordedEvent> applied = new ArrayList<>();
    private DataSource dataSource;
    private ProjectionApplier applier;

    @BeforeEach
    void applierOnAFreshDatabase() {
        dataSource = InMemoryDatabase.withKernelSchema();
        applier = ApplierFixture.applier(dataSource, new ClosedAt(tenantId, CLOSING_POSITION), new HoldsEverything());
    }

    @Test
    void theClosingEventIsAppliedThoughTheTenantsEarlierEventsNeverArrived() throws SQLException {
        RecordedEvent closing = event(3, CLOSING_POSITION, "TenantClosed");

        assertThat(applier.applyOrHold(directory(), closing, 1)).isEqualTo(ProjectionApplier.Applied.APPLIED);

        assertThat(applied).containsExactly(closing);
        assertThat(checkpointVersion()).isEqualTo(3);
    }

    @Test
    void anEarlierEventArrivingAfterTheClosingIsDropped() throws SQLException {
        applier.applyOrHold(directory(), event(3, CLOSING_POSITION, "TenantClosed"), 1);

        assertThat(applier.applyOrHold(directory(), event(1, 10, "TenantSignedUp"), 1))
                .isEqualTo(ProjectionApplier.Applied.DUPLICATE);
        assertThat(applied).extracting(RecordedEvent::eventType).containsExactly("TenantClosed");
        assertThat(checkpointVersion()).isEqualTo(3);
    }

    @Test
    void aClosingThatFollowsItsAppliedPredecessorsKeepsTheirCheckpoint() throws SQLException {
        var open = ApplierFixture.applier(dataSource, new ClosedAt(UUID.randomUUID(), Long.MAX_VALUE), applier.fence);
        open.applyOrHold(directory(), event(1, 10, "TenantSignedUp"), 1);
        open.applyOrHold(directory(), event(2, 20, "TenantRenamed"), 1);

        assertThat(applier.applyOrHold(directory(), event(3, CLOSING_POSITION, "TenantClosed"), 1))
                .isEqualTo(ProjectionApplier.Applied.APPLIED);
        assertThat(applied).extracting(RecordedEvent::eventType)
                .containsExactly("TenantSignedUp", "TenantRenamed", "TenantClosed");
        assertThat(checkpointVersion()).isEqualTo(3);
    }

    @Test
    void aClosingEventParkedBeforeTheFixIsAppliedWhenRetried() throws SQLException {
        RecordedEvent closing = event(3, CLOSING_POSITION, "TenantClosed");

        assertThat(applier.retry(directory(), closing)).isTrue();

        assertThat(applied).containsExactly(closing);
        assertThat(checkpointVersion()).isEqualTo(3);
    }

    @Test
    void aParkedClosingEventTheOperatorSkipsMovesTheCheckpointPastIt() throws SQLException {
        applier.skip(directory(), event(3, CLOSING_POSITION, "TenantClosed"));

        assertThat(applied).isEmpty();
        assertThat(checkpointVersion()).isEqualTo(3);
    }

    /** These events stand for logged ones without a log behind them (ProjectionApplierLostEventTest is about the log). */
    private static final class HoldsEverything extends EventLogFence {
        @Override
        public boolean admits(String projector, RecordedEvent e) {
            return true;
        }
    }

    /** The closures as the server knows them once the tenant's closing committed at the given position. */
    private static final class ClosedAt extends TenantClosures {
        private final UUID tenant;
        private final long position;

        ClosedAt(UUID tenant, long position) {
            this.tenant = tenant;
            this.position = position;
        }

        @Override
        public boolean drops(RecordedEvent e) {
            return e.tenantId().equals(tenant) && e.position() < position;
        }

        @Override
        public boolean closes(RecordedEvent e) {
            return e.tenantId().equals(tenant) && e.position() == position;
        }
    }

    private Projection directory() {
        return ApplierFixture.recording(DIRECTORY, "Tenant", "tenant_directory", applied);
    }

    private RecordedEvent event(long version, long position, String type) {
        UUID commandId = UUID.randomUUID();
        return new RecordedEvent(UUID.randomUUID(), position, tenantId, "Tenant", tenantId, version, type, 1,
                Instant.parse("2025-01-02T03:04:05Z"), commandId, commandId, "member:test", Set.of(), "{}");
    }

    private long checkpointVersion() throws SQLException {
        return ApplierFixture.checkpointVersion(dataSource, DIRECTORY, tenantId);
    }
}
