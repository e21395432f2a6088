package io.tandem.kernel.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.schema.InMemoryDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProjectionCheckpointsTest {
    private static final String BOARD = "task-board";
    private static final String FEED = "activity-feed";

    private final UUID tenantId = UUID.randomUUID();
    private final UUID taskId = UUID.randomUUID();
    private DataSource dataSource;
    private ProjectionCheckpoints checkpoints;

    @BeforeEach
    void freshDatabase() {
        dataSource = InMemoryDatabase.withKernelSchema();
        checkpoints = new ProjectionCheckpoints();
        checkpoints.dataSource = dataSource;
    }

    @Test
    void claimsTheFirstEventOfAnAggregate() throws SQLException {
        assertThat(checkpoints.claim(BOARD, event(taskId, 1, 10))).isTrue();

        assertThat(checkpoint(BOARD, taskId)).isEqualTo(new Checkpoint(1, 10, tenantId));
    }

    @Test
    void refusesToClaimTheFirstEventTwice() throws SQLException {
        RecordedEvent first = event(taskId, 1, 10);
        checkpoints.claim(BOARD, first);

        assertThat(checkpoints.claim(BOARD, first)).isFalse();
        assertThat(checkpoint(BOARD, taskId)).isEqualTo(new Checkpoint(1, 10, tenantId));
    }

    @Test
    void claimsTheNextVersionAfterTheLastApplied() throws SQLException {
        checkpoints.claim(BOARD, event(taskId, 1, 10));

        assertThat(checkpoints.claim(BOARD, event(taskId, 2, 17))).isTrue();
        assertThat(checkpoints.claim(BOARD, event(taskId, 3, 30))).isTrue();

        assertThat(checkpoint(BOARD, taskId)).isEqualTo(new Checkpoint(3, 30, tenantId));
    }

    @Test
    void refusesToClaimTheSameLaterVersionTwice() throws SQLException {
        checkpoints.claim(BOARD, event(taskId, 1, 10));
        RecordedEvent second = event(taskId, 2, 17);
        checkpoints.claim(BOARD, second);

        assertThat(checkpoints.claim(BOARD, second)).isFalse();
        assertThat(checkpoint(BOARD, taskId)).isEqualTo(new Checkpoint(2, 17, tenantId));
    }

    @Test
    void rejectsAVersionWhosePredecessorIsMissing() throws SQLException {
        checkpoints.claim(BOARD, event(taskId, 1, 10));

        assertThatThrownBy(() -> checkpoints.claim(BOARD, event(taskId, 3, 30)))
                .isInstanceOf(EventOutOfOrder.class)
                .hasMessageContaining("applied version 1")
                .hasMessageContaining("version 3");
        assertThat(checkpoint(BOARD, taskId)).isEqualTo(new Checkpoint(1, 10, tenantId));
    }

    @Test
    void rejectsALaterVersionOfAnAggregateItHasNeverSeen() throws SQLException {
        assertThatThrownBy(() -> checkpoints.claim(BOARD, event(taskId, 2, 17)))
                .isInstanceOf(EventOutOfOrder.class)
                .hasMessageContaining("applied version 0");
        assertThat(checkpoint(BOARD, taskId)).isNull();
    }

    @Test
    void claimsTheMissingVersionOnceItArrivesAndThenTheOneThatWasRefused() {
        checkpoints.claim(BOARD, event(taskId, 1, 10));
        RecordedEvent third = event(taskId, 3, 30);
        assertThatThrownBy(() -> checkpoints.claim(BOARD, third)).isInstanceOf(EventOutOfOrder.class);

        assertThat(checkpoints.claim(BOARD, event(taskId, 2, 17))).isTrue();
        assertThat(checkpoints.claim(BOARD, third)).isTrue();
    }

    @Test
    void skipsARedeliveredOlderVersion() throws SQLException {
        checkpoints.claim(BOARD, event(taskId, 1, 10));
        checkpoints.claim(BOARD, event(taskId, 2, 17));
        checkpoints.claim(BOARD, event(taskId, 3, 30));

        assertThat(checkpoints.claim(BOARD, event(taskId, 2, 17))).isFalse();
        assertThat(checkpoints.claim(BOARD, event(taskId, 1, 10))).isFalse();
        assertThat(checkpoint(BOARD, taskId)).isEqualTo(new Checkpoint(3, 30, tenantId));
    }

    @Test
    void keepsAnIndependentCheckpointPerProjector() throws SQLException {
        checkpoints.claim(BOARD, event(taskId, 1, 10));
        checkpoints.claim(BOARD, event(taskId, 2, 17));

        assertThat(checkpoints.claim(FEED, event(taskId, 1, 10))).isTrue();
        assertThatThrownBy(() -> checkpoints.claim(FEED, event(taskId, 3, 30))).isInstanceOf(EventOutOfOrder.class);
        assertThat(checkpoints.claim(FEED, event(taskId, 2, 17))).isTrue();
        assertThat(checkpoints.claim(BOARD, event(taskId, 2, 17))).isFalse();

        assertThat(checkpoint(BOARD, taskId)).isEqualTo(new Checkpoint(2, 17, tenantId));
        assertThat(checkpoint(FEED, taskId)).isEqualTo(new Checkpoint(2, 17, tenantId));
    }

    @Test
    void keepsAnIndependentCheckpointPerAggregate() throws SQLException {
        UUID otherTask = UUID.randomUUID();
        checkpoints.claim(BOARD, event(taskId, 1, 10));
        checkpoints.claim(BOARD, event(taskId, 2, 17));

        assertThat(checkpoints.claim(BOARD, event(otherTask, 1, 18))).isTrue();
        assertThatThrownBy(() -> checkpoints.claim(BOARD, event(otherTask, 3, 40))).isInstanceOf(EventOutOfOrder.class);

        assertThat(checkpoint(BOARD, taskId)).isEqualTo(new Checkpoint(2, 17, tenantId));
        assertThat(checkpoint(BOARD, otherTask)).isEqualTo(new Checkpoint(1, 18, tenantId));
    }

    private RecordedEvent event(UUID aggregateId, long version, long position) {
        UUID commandId = UUID.randomUUID();
        return new RecordedEvent(UUID.randomUUID(), position, tenantId, "Task", aggregateId, version,
                version == 1 ? "TaskCreated" : "TaskMoved", 1, Instant.parse("2025-01-02T03:04:05Z"), commandId,
                commandId, "member:test", Set.of(), "{}");
    }

    record Checkpoint(long version, long position, UUID tenantId) {}

    private Checkpoint checkpoint(String projector, UUID aggregateId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select aggregate_version, global_position, tenant_id"
                        + " from projection_checkpoint where projector = ? and aggregate_id = ?")) {
            ps.setString(1, projector);
            ps.setObject(2, aggregateId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Checkpoint(rs.getLong(1), rs.getLong(2), rs.getObject(3, UUID.class)) : null;
            }
        }
    }
}
