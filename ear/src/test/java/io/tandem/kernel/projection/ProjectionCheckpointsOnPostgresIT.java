package io.tandem.kernel.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tandem.it.PostgresConnections;
import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.tenant.CurrentTenant;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The checkpoint claim as it runs on PostgreSQL inside a transaction: one statement that claims and
 * sets the tenant of the projection's write for the transaction. Against the database the server
 * under test migrated (as its own role, below the server), with a projector name no server
 * projector has; the unit tests check the same claim's rules on H2, where nothing is folded.
 */
class ProjectionCheckpointsOnPostgresIT {
    private final UUID tenant = UUID.randomUUID();
    private final String projector = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private Connection connection;
    private ProjectionCheckpoints checkpoints;

    @BeforeEach
    void inATransaction() throws SQLException {
        assumeTrue("postgresql".equals(System.getProperty("tandem.db")), "the claim folds the setting on PostgreSQL only");
        connection = PostgresConnections.open();
        connection.setAutoCommit(false);
        checkpoints = new ProjectionCheckpoints();
        checkpoints.dataSource = transactionsConnection(connection);
    }

    @AfterEach
    void cleanUp() throws SQLException {
        if (connection != null) {
            connection.rollback();
            connection.setAutoCommit(true);
            try (PreparedStatement ps = connection.prepareStatement("delete from projection_checkpoint where projector = ?")) {
                ps.setString(1, projector);
                ps.executeUpdate();
            }
            connection.close();
        }
    }

    @Test
    void aFirstEventIsClaimedOnceAndTheClaimSetsTheEventsTenantUntilTheCommit() throws SQLException {
        UUID task = UUID.randomUUID();

        assertThat(checkpoints.claim(projector, event(task, 1, 10))).isTrue();
        assertThat(setting()).isEqualTo(tenant.toString());
        assertThat(checkpoints.claim(projector, event(task, 1, 10))).isFalse();
        connection.commit();

        assertThat(setting()).isNullOrEmpty();
        assertThat(checkpoint(task)).containsExactly(1L, 10L, tenant);
    }

    @Test
    void laterVersionsAdvanceInOrderAndNeitherRepeatNorSkip() throws SQLException {
        UUID task = UUID.randomUUID();
        checkpoints.claim(projector, event(task, 1, 10));
        connection.commit();

        assertThat(checkpoints.claim(projector, event(task, 2, 17))).isTrue();
        assertThat(setting()).isEqualTo(tenant.toString());
        assertThat(checkpoints.claim(projector, event(task, 2, 17))).isFalse();
        assertThatThrownBy(() -> checkpoints.claim(projector, event(task, 4, 30))).isInstanceOf(EventOutOfOrder.class);
        connection.commit();

        assertThat(checkpoint(task)).containsExactly(2L, 17L, tenant);
    }

    @Test
    void aBatchBoundToThePlatformIsWrittenAsThePlatform() throws SQLException {
        UUID task = UUID.randomUUID();

        boolean claimed = CurrentTenant.asPlatform(() -> checkpoints.claim(projector, event(task, 1, 10)));

        assertThat(claimed).isTrue();
        assertThat(setting()).isEqualTo(CurrentTenant.PLATFORM.toString());
        assertThat(checkpoint(task)).containsExactly(1L, 10L, tenant);
    }

    @Test
    void aClaimRolledBackLeavesNeitherTheCheckpointNorTheTenant() throws SQLException {
        UUID task = UUID.randomUUID();

        checkpoints.claim(projector, event(task, 1, 10));
        connection.rollback();

        assertThat(setting()).isNullOrEmpty();
        assertThat(checkpoint(task)).isEmpty();
    }

    private String setting() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select current_setting('tandem.tenant', true)");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private List<Object> checkpoint(UUID aggregate) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select aggregate_version, global_position, tenant_id"
                + " from projection_checkpoint where projector = ? and aggregate_id = ?")) {
            ps.setString(1, projector);
            ps.setObject(2, aggregate);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? List.of(rs.getLong(1), rs.getLong(2), rs.getObject(3, UUID.class)) : List.of();
            }
        }
    }

    private RecordedEvent event(UUID aggregate, long version, long position) {
        UUID command = UUID.randomUUID();
        return new RecordedEvent(UUID.randomUUID(), position, tenant, "Task", aggregate, version,
                version == 1 ? "TaskCreated" : "TaskMoved", 1, Instant.now(), command, command, "member:it", Set.of(), "{}");
    }

    /** What a JTA pool gives every holder in a transaction: the one connection, which closing keeps open. */
    private static DataSource transactionsConnection(Connection c) {
        Connection handle = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> handle;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
