package io.tandem.kernel.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.projection.Projection;
import io.tandem.kernel.projection.ReadModelTables;
import io.tandem.kernel.schema.InMemoryDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a replay racing a tenant's closing left in the twins is gone before a platform-wide swap:
 * the closed tenant's twin rows and its twin checkpoints before its closing event, nothing of an
 * open tenant, and nothing of a projection that keeps closed tenants.
 */
class TenantClosuresTwinsTest {
    private final UUID closedTenant = UUID.randomUUID();
    private final UUID openTenant = UUID.randomUUID();
    private final UUID closingAggregate = UUID.randomUUID();
    private DataSource dataSource;
    private TenantClosures closures;

    @BeforeEach
    void aClosedAndAnOpenTenantWithRowsInTheTwins() throws SQLException {
        dataSource = InMemoryDatabase.withKernelSchema();
        closures = new TenantClosures();
        closures.dataSource = dataSource;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table board_rebuild (tenant_id uuid not null, card_id uuid primary key)");
        }
        execute("insert into tenant_closure (tenant_id, closing_position, closed_at) values (?, ?, ?)",
                closedTenant, 100L, Timestamp.from(Instant.now()));
        for (UUID tenant : List.of(closedTenant, openTenant)) {
            execute("insert into board_rebuild (tenant_id, card_id) values (?, ?)", tenant, UUID.randomUUID());
            execute("insert into board_rebuild (tenant_id, card_id) values (?, ?)", tenant, UUID.randomUUID());
            twinCheckpoint("board", tenant, UUID.randomUUID(), 40L);
        }
        twinCheckpoint("board", closedTenant, closingAggregate, 100L);
        twinCheckpoint("other", closedTenant, UUID.randomUUID(), 50L);
    }

    @Test
    void erasesTheClosedTenantsTwinRowsAndCheckpointsBeforeItsClosing() throws SQLException {
        int erased = closures.eraseFromTwins(projection("board", false));

        assertThat(erased).isEqualTo(3);
        assertThat(strings("select tenant_id from board_rebuild")).containsOnly(openTenant.toString()).hasSize(2);
        assertThat(strings("select tenant_id || ' ' || global_position from projection_checkpoint_rebuild"
                + " where projector = 'board'")).containsExactlyInAnyOrder(openTenant + " 40", closedTenant + " 100");
        assertThat(strings("select projector from projection_checkpoint_rebuild where tenant_id = '" + closedTenant
                + "' and projector = 'other'")).as("another projector's twin checkpoints").hasSize(1);
    }

    @Test
    void leavesAProjectionThatKeepsClosedTenantsAlone() throws SQLException {
        assertThat(closures.eraseFromTwins(projection("board", true))).isZero();

        assertThat(strings("select tenant_id from board_rebuild")).hasSize(4);
    }

    private static Projection projection(String name, boolean keepsClosedTenants) {
        return new Projection() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Set<String> aggregateTypes() {
                return Set.of("Card");
            }

            @Override
            public List<String> tables() {
                return List.of("board");
            }

            @Override
            public boolean keepsClosedTenants() {
                return keepsClosedTenants;
            }

            @Override
            public void apply(RecordedEvent event, ReadModelTables tables) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private void twinCheckpoint(String projector, UUID tenant, UUID aggregate, long position) throws SQLException {
        execute("insert into projection_checkpoint_rebuild (projector, aggregate_id, tenant_id, aggregate_version,"
                + " global_position, updated_at) values (?, ?, ?, 1, ?, ?)", projector, aggregate, tenant, position,
                Timestamp.from(Instant.now()));
    }

    private void execute(String sql, Object... values) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
