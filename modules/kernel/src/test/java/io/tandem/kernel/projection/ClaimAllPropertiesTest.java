package io.tandem.kernel.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.schema.InMemoryDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * A rebuild claims its batches at once ({@link ProjectionCheckpoints#claimAll}); that must decide
 * exactly what claiming the events one by one decides, and leave the same checkpoints.
 */
class ClaimAllPropertiesTest {
    static final UUID TENANT = UUID.randomUUID();
    static final ProjectionCheckpoints ONE_BY_ONE = checkpoints();
    static final ProjectionCheckpoints AT_ONCE = checkpoints();

    /**
     * Batches of a log over a few aggregates, some events replayed twice (a batch that overlaps
     * what an earlier one applied) and, now and then, one that skips a version. A rebuild's replay
     * (no event twice, checkpoints empty at first) looks fewer aggregates up and decides the same.
     */
    @Property(tries = 200)
    void aBatchClaimDecidesWhatClaimingOneByOneDecides(
            @ForAll @Size(min = 1, max = 60) List<@IntRange(min = 0, max = 4) Integer> aggregatesOfEvents,
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 9) Integer> quirks,
            @ForAll @IntRange(min = 1, max = 20) int batchSize,
            @ForAll boolean replayFromEmpty) throws SQLException {
        List<UUID> aggregates = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID());
        Map<UUID, Long> versions = new HashMap<>();
        List<RecordedEvent> log = new ArrayList<>();
        for (int i = 0; i < aggregatesOfEvents.size(); i++) {
            UUID id = aggregates.get(aggregatesOfEvents.get(i));
            int quirk = i < quirks.size() ? quirks.get(i) : 0;
            long version = versions.merge(id, quirk == 9 ? 2L : 1L, Long::sum);
            RecordedEvent e = event(id, version, i + 1);
            log.add(e);
            // A rebuild's replay reads the log once: it never sees an event twice.
            if (quirk == 8 && !replayFromEmpty) {
                log.add(e);
            }
        }

        // Fresh checkpoints per try without a fresh database: a projector name of its own.
        String projector = "board-" + UUID.randomUUID();
        // A rebuild claims in the twin checkpoints.
        ReadModelTables copy = replayFromEmpty ? ReadModelTables.REBUILD : ReadModelTables.LIVE;
        for (int from = 0; from < log.size(); from += batchSize) {
            List<RecordedEvent> batch = log.subList(from, Math.min(log.size(), from + batchSize));
            List<RecordedEvent> expected = new ArrayList<>();
            String expectedFailure = null;
            for (RecordedEvent e : batch) {
                try {
                    if (ONE_BY_ONE.claim(projector, e)) {
                        expected.add(e);
                    }
                } catch (EventOutOfOrder refused) {
                    expectedFailure = "out of order at " + e.position();
                    break;
                }
            }
            String failure = null;
            List<RecordedEvent> claimed = List.of();
            try {
                claimed = AT_ONCE.claimAll(projector, batch, copy, replayFromEmpty);
            } catch (EventOutOfOrder refused) {
                failure = "out of order at " + refused.getMessage();
            }
            if (expectedFailure != null) {
                // One by one, the events before the refused one were claimed (in a transaction a
                // refusal rolls back); at once, nothing is: both refuse the batch.
                assertThat(failure).as("batch from %d", from).isNotNull();
                return;
            }
            assertThat(failure).as("batch from %d", from).isNull();
            assertThat(claimed).isEqualTo(expected);
            for (UUID id : aggregates) {
                assertThat(checkpoint(AT_ONCE, copy, projector, id))
                        .isEqualTo(checkpoint(ONE_BY_ONE, ReadModelTables.LIVE, projector, id));
            }
        }
    }

    static ProjectionCheckpoints checkpoints() {
        var checkpoints = new ProjectionCheckpoints();
        checkpoints.dataSource = InMemoryDatabase.withKernelSchema();
        return checkpoints;
    }

    static RecordedEvent event(UUID aggregateId, long version, long position) {
        UUID commandId = UUID.randomUUID();
        return new RecordedEvent(UUID.randomUUID(), position, TENANT, "Task", aggregateId, version,
                version == 1 ? "TaskCreated" : "TaskMoved", 1, Instant.parse("2025-01-02T03:04:05Z"), commandId,
                commandId, "member:test", Set.of(), "{}");
    }

    static String checkpoint(ProjectionCheckpoints checkpoints, ReadModelTables copy, String projector, UUID aggregateId)
            throws SQLException {
        try (Connection c = checkpoints.dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select aggregate_version, global_position, tenant_id"
                        + " from " + copy.of("projection_checkpoint") + " where projector = ? and aggregate_id = ?")) {
            ps.setString(1, projector);
            ps.setObject(2, aggregateId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) + "@" + rs.getLong(2) + "/" + rs.getObject(3) : "none";
            }
        }
    }
}
