package io.tandem.kernel.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.kernel.schema.DatabaseKind;
import java.sql.Connection;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A pooled connection never carries a tenant past its holder: the pool's next holder, which may
 * work for another tenant or for none, starts with {@code tandem.tenant} empty. Inside a
 * transaction the setting ends with it, so giving Hibernate's connection back costs no statement;
 * outside one, it is cleared on release. Against {@link FakePostgresSession}, which keeps
 * PostgreSQL's rules for the setting.
 */
class TenantSettingLifetimeTest {
    static final List<UUID> TENANTS = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    static final UUID A = TENANTS.get(0);
    static final UUID B = TENANTS.get(1);

    private AutoCloseable postgres;

    @BeforeEach
    @BeforeProperty
    void onPostgres() {
        postgres = DatabaseKind.pretendPostgres();
    }

    @AfterEach
    @AfterProperty
    void backToWhatWasKnown() throws Exception {
        postgres.close();
        TenantOfTransaction.use(null);
    }

    /** A session whose transactions are the ones {@link TenantOfTransaction} records in. */
    static FakePostgresSession session() {
        FakePostgresSession pg = new FakePostgresSession();
        TenantOfTransaction.use(pg.registry());
        return pg;
    }

    /**
     * A projector's checkpoint claim as {@code ProjectionCheckpoints} sends it on PostgreSQL: its
     * own statement with the tenant setting folded in, then recorded; nothing if it cannot fold.
     */
    static void claimSettingTenant(FakePostgresSession pg, UUID tenant) throws Exception {
        Connection c = pg.handle();
        var term = TenantSessions.foldedSetting(c);
        if (term.isPresent()) {
            try (var ps = c.prepareStatement("with claimed as (insert into projection_checkpoint values (?)"
                    + " on conflict do nothing returning 1) select " + term.get() + ", (select count(*) from claimed)")) {
                ps.setString(1, "task-board");
                ps.setString(2, tenant.toString());
                ps.execute();
            }
            TenantSessions.setAlong(tenant);
        }
    }

    @Test
    void insideATransactionHibernatesConnectionCostsOneStatementAndNoTenantOutlivesTheCommit() throws Exception {
        FakePostgresSession pg = session();
        RowLevelSecurityConnections connections = new RowLevelSecurityConnections(pg.dataSource());

        pg.begin();
        Connection c = connections.getConnection(A);
        assertThat(pg.current()).isEqualTo(A.toString());
        connections.releaseConnection(A, c);
        assertThat(pg.statements).containsExactly("select set_config('tandem.tenant', ?, true)");
        pg.commit();

        assertThat(pg.current()).isEmpty();
        assertThat(pg.kept()).isEmpty();
    }

    @Test
    void noTenantOutlivesARollbackEitherThoughTheConnectionWasNotGivenBackFirst() throws Exception {
        FakePostgresSession pg = session();
        RowLevelSecurityConnections connections = new RowLevelSecurityConnections(pg.dataSource());

        pg.begin();
        Connection c = connections.getConnection(A);
        pg.rollback();
        connections.releaseConnection(A, c);

        assertThat(pg.current()).isEmpty();
        assertThat(pg.kept()).isEmpty();
    }

    @Test
    void outsideATransactionTheTenantIsClearedOnRelease() throws Exception {
        FakePostgresSession pg = session();
        RowLevelSecurityConnections connections = new RowLevelSecurityConnections(pg.dataSource());

        Connection c = connections.getConnection(A);
        assertThat(pg.current()).isEqualTo(A.toString());
        connections.releaseConnection(A, c);

        assertThat(pg.kept()).isEmpty();
        assertThat(pg.statements).containsExactly("select set_config('tandem.tenant', ?, false)",
                "select set_config('tandem.tenant', ?, false)");
    }

    /**
     * JDBC code binds the same physical connection Hibernate holds in the transaction: the binding
     * must hand it back to Hibernate's tenant, and, made the transaction's own, must not leave
     * Hibernate's tenant on the session after the commit (a binding that restored the session's
     * value would).
     */
    @Test
    void aBindingInsideATransactionPutsHibernatesTenantBackAndLeavesNothingAfterTheCommit() throws Exception {
        FakePostgresSession pg = session();
        RowLevelSecurityConnections connections = new RowLevelSecurityConnections(pg.dataSource());

        pg.begin();
        Connection hibernates = connections.getConnection(A);
        try (var bound = TenantSessions.bind(pg.handle(), B)) {
            assertThat(pg.current()).isEqualTo(B.toString());
        }
        assertThat(pg.current()).isEqualTo(A.toString());
        connections.releaseConnection(A, hibernates);
        pg.commit();

        assertThat(pg.kept()).isEmpty();
    }

    @Test
    void aBindingOutsideATransactionLeavesTheConnectionAsItFoundIt() throws Exception {
        FakePostgresSession pg = session();

        try (var bound = TenantSessions.bind(pg.handle(), B)) {
            assertThat(pg.current()).isEqualTo(B.toString());
        }

        assertThat(pg.kept()).isEmpty();
    }

    /**
     * Any interleaving of transactions, Hibernate's connections (one per persistence unit, given
     * back before completion, or after a rollback) and nested JDBC bindings, on one pooled session:
     * whenever nothing holds it, it carries no tenant, and whoever holds it last sees its own.
     *
     * <p>Steps: 0 begin, 1 commit, 2 rollback, 3 Hibernate takes a connection, 4 Hibernate gives
     * the latest back, 5 JDBC binds, 6 the latest binding ends, 7 a projector's checkpoint claim
     * sets a tenant along with its own statement (while no one holds the connection, as a claim
     * runs). Settings are recorded per transaction, so a holder may be given the connection
     * without a statement: the checks below catch one given it carrying the wrong tenant.
     */
    @Property(tries = 500)
    void aPooledSessionNeverCarriesATenantPastItsHolders(
            @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 7) Integer> steps,
            @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 2) Integer> tenants) throws Exception {
        FakePostgresSession pg = session();
        RowLevelSecurityConnections connections = new RowLevelSecurityConnections(pg.dataSource());
        Deque<Connection> hibernate = new ArrayDeque<>();
        Deque<TenantSessions.Binding> bindings = new ArrayDeque<>();
        // Who set the value in force, innermost last: a Hibernate connection or a binding.
        Deque<String> holders = new ArrayDeque<>();
        for (int i = 0; i < steps.size(); i++) {
            UUID tenant = TENANTS.get(i < tenants.size() ? tenants.get(i) : 0);
            switch (steps.get(i)) {
                case 0 -> {
                    // A transaction starts on a connection no one holds: container-managed, a
                    // handle taken outside one ends with its call and is never enlisted later.
                    if (!pg.inTransaction() && hibernate.isEmpty() && bindings.isEmpty()) {
                        pg.begin();
                    }
                }
                case 1, 2 -> {
                    // JTA: Hibernate gives its connections back before completion and bindings are
                    // scoped inside the work; only a rollback can overtake a Hibernate connection.
                    if (pg.inTransaction() && bindings.isEmpty() && (hibernate.isEmpty() || steps.get(i) == 2)) {
                        if (steps.get(i) == 1) {
                            pg.commit();
                        } else {
                            pg.rollback();
                        }
                        holders.clear();
                        while (!hibernate.isEmpty()) {
                            Connection c = hibernate.pop();
                            connections.releaseConnection(A, c);
                        }
                    }
                }
                case 3 -> {
                    if (bindings.isEmpty() && hibernate.size() < 2) {
                        hibernate.push(connections.getConnection(tenant));
                        holders.push(tenant.toString());
                    }
                }
                case 4 -> {
                    if (bindings.isEmpty() && !hibernate.isEmpty()) {
                        connections.releaseConnection(A, hibernate.pop());
                        holders.clear();
                    }
                }
                case 5 -> {
                    bindings.push(TenantSessions.bind(pg.handle(), tenant));
                    holders.push(tenant.toString());
                }
                case 6 -> {
                    if (!bindings.isEmpty()) {
                        bindings.pop().close();
                        holders.pop();
                    }
                }
                case 7 -> {
                    if (pg.inTransaction() && bindings.isEmpty() && hibernate.isEmpty()) {
                        claimSettingTenant(pg, tenant);
                        holders.clear();
                        holders.push(tenant.toString());
                    }
                }
                default -> throw new IllegalArgumentException("step " + steps.get(i));
            }
            if (!holders.isEmpty()) {
                assertThat(pg.current()).as("the value in force after step %d of %s", i, steps).isEqualTo(holders.peek());
            }
            if (!pg.inTransaction() && hibernate.isEmpty() && bindings.isEmpty()) {
                assertThat(pg.kept()).as("what the pool's next holder gets after step %d of %s", i, steps).isEmpty();
            }
        }
        while (!bindings.isEmpty()) {
            bindings.pop().close();
        }
        while (!hibernate.isEmpty()) {
            connections.releaseConnection(A, hibernate.pop());
        }
        if (pg.inTransaction()) {
            pg.commit();
        }
        assertThat(pg.kept()).as("what the pool's next holder gets after %s", steps).isEmpty();
    }
}
