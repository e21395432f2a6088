package io.tandem.kernel.tenant;

import static io.tandem.kernel.tenant.TenantSettingLifetimeTest.A;
import static io.tandem.kernel.tenant.TenantSettingLifetimeTest.B;
import static io.tandem.kernel.tenant.TenantSettingLifetimeTest.claimSettingTenant;
import static io.tandem.kernel.tenant.TenantSettingLifetimeTest.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.kernel.schema.DatabaseKind;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The setting a transaction's connection carries is recorded for the transaction, so that a holder
 * asking for the same tenant sends no statement: a projector's write after its checkpoint claim
 * set the tenant, or Hibernate's next connection in a command. What the record must never do is
 * outlive the setting it describes. Against {@link FakePostgresSession}.
 */
class TenantOfTransactionTest {
    private static final String SET_LOCAL = "select set_config('tandem.tenant', ?, true)";

    private AutoCloseable postgres;
    private FakePostgresSession pg;
    private RowLevelSecurityConnections connections;

    @BeforeEach
    void onPostgres() {
        postgres = DatabaseKind.pretendPostgres();
        pg = session();
        connections = new RowLevelSecurityConnections(pg.dataSource());
    }

    @AfterEach
    void backToWhatWasKnown() throws Exception {
        postgres.close();
        TenantOfTransaction.use(null);
    }

    @Test
    void theWriteAfterAClaimThatSetItsTenantSendsNoSettingOfItsOwn() throws Exception {
        pg.begin();
        claimSettingTenant(pg, A);
        Connection write = connections.getConnection(A);
        assertThat(pg.current()).isEqualTo(A.toString());
        connections.releaseConnection(A, write);
        pg.commit();

        assertThat(pg.statements).hasSize(1).allMatch(sql -> sql.startsWith("with claimed as"));
        assertThat(pg.kept()).isEmpty();
    }

    @Test
    void aWriteForAnotherTenantThanTheClaimsSetsItsOwn() throws Exception {
        pg.begin();
        claimSettingTenant(pg, A);
        Connection write = connections.getConnection(B);

        assertThat(pg.current()).isEqualTo(B.toString());
        assertThat(pg.statements).endsWith(SET_LOCAL);
        connections.releaseConnection(B, write);
        pg.commit();
    }

    @Test
    void hibernatesSecondConnectionInATransactionSendsNoSetting() throws Exception {
        pg.begin();
        connections.releaseConnection(A, connections.getConnection(A));
        Connection second = connections.getConnection(A);

        assertThat(pg.current()).isEqualTo(A.toString());
        assertThat(pg.statements).containsExactly(SET_LOCAL);
        connections.releaseConnection(A, second);
        pg.commit();
    }

    @Test
    void aBindingInBetweenIsFollowed() throws Exception {
        pg.begin();
        connections.releaseConnection(A, connections.getConnection(A));
        try (var bound = TenantSessions.bind(pg.handle(), B)) {
            Connection inside = connections.getConnection(B);
            assertThat(pg.current()).isEqualTo(B.toString());
            connections.releaseConnection(B, inside);
        }
        int before = pg.statements.size();
        Connection after = connections.getConnection(A);

        assertThat(pg.current()).isEqualTo(A.toString());
        assertThat(pg.statements).hasSize(before);
        connections.releaseConnection(A, after);
        pg.commit();
    }

    @Test
    void theRecordEndsWithItsTransaction() throws Exception {
        pg.begin();
        claimSettingTenant(pg, A);
        pg.commit();
        pg.begin();
        Connection next = connections.getConnection(A);

        assertThat(pg.current()).isEqualTo(A.toString());
        assertThat(pg.statements).endsWith(SET_LOCAL);
        connections.releaseConnection(A, next);
        pg.rollback();
        assertThat(pg.kept()).isEmpty();
    }

    @Test
    void aSettingThatFailedLeavesNoRecordBehind() throws Exception {
        pg.begin();
        connections.releaseConnection(A, connections.getConnection(A));
        pg.failNext();
        assertThatThrownBy(() -> connections.getConnection(B)).isInstanceOf(SQLException.class);
        int before = pg.statements.size();
        Connection again = connections.getConnection(A);

        assertThat(pg.statements).hasSize(before + 1).endsWith(SET_LOCAL);
        connections.releaseConnection(A, again);
        pg.rollback();
    }

    @Test
    void outsideATransactionNothingIsFoldedOrRecorded() throws Exception {
        assertThat(TenantSessions.foldedSetting(pg.handle())).isEmpty();
        connections.releaseConnection(A, connections.getConnection(A));
        connections.releaseConnection(A, connections.getConnection(A));

        assertThat(pg.statements).hasSize(4).allMatch(sql -> sql.endsWith("false)"));
        assertThat(pg.kept()).isEmpty();
    }
}
