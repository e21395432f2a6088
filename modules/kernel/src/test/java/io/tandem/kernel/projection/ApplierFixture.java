package io.tandem.kernel.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.event.Upcasters;
import io.tandem.kernel.tenant.TenantClosures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/** A ProjectionApplier wired as the container would, the projection it applies to, and the checkpoint it leaves. */
final class ApplierFixture {
    private ApplierFixture() {}

    static ProjectionApplier applier(DataSource dataSource, TenantClosures closures, EventLogFence fence) {
        var applier = new ProjectionApplier();
        applier.checkpoints = new ProjectionCheckpoints();
        applier.checkpoints.dataSource = dataSource;
        applier.parked = new ParkedEvents();
        applier.parked.dataSource = dataSource;
        applier.upcasters = Upcasters.of();
        applier.closures = closures;
        applier.versions = new ReadModelVersions() {
            @Override
            public void changing(String projection, UUID tenant) {}
        };
        applier.fence = fence;
        return applier;
    }

    /** A projection of one aggregate type that records what it is given. */
    static Projection recording(String name, String aggregateType, String table, List<RecordedEvent> applied) {
        return new Projection() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Set<String> aggregateTypes() {
                return Set.of(aggregateType);
            }

            @Override
            public List<String> tables() {
                return List.of(table);
            }

            @Override
            public void apply(RecordedEvent event, ReadModelTables tables) {
                applied.add(event);
            }
        };
    }

    static long checkpointVersion(DataSource dataSource, String projector, UUID aggregateId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select aggregate_version from projection_checkpoint where projector = ? and aggregate_id = ?")) {
            ps.setString(1, projector);
            ps.setObject(2, aggregateId);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a checkpoint of %s for %s", projector, aggregateId).isTrue();
                return rs.getLong(1);
            }
        }
    }
}
