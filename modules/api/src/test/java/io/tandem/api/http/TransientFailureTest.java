package io.tandem.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.kernel.rejection.InvalidInput;
import jakarta.ejb.EJBTransactionRolledbackException;
import jakarta.persistence.PessimisticLockException;
import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Only lock waits, deadlocks and serialization conflicts are worth retrying a command for. */
class TransientFailureTest {

    @ParameterizedTest
    @ValueSource(strings = {"40001", "40P01", "55P03", "HYT00"})
    void aLockOrSerializationFailureDeepInTheChainIsTransient(String sqlState) {
        var failure = new EJBTransactionRolledbackException("rolled back",
                new PessimisticLockException("lock", new RuntimeException(new SQLException("busy", sqlState))));
        assertThat(TransientFailure.isTransient(failure)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"23505", "22021", "42P01", "08006"})
    void constraintDataSchemaAndConnectionErrorsAreNot(String sqlState) {
        assertThat(TransientFailure.isTransient(new RuntimeException(new SQLException("no", sqlState)))).isFalse();
    }

    @Test
    void rejectionsAndPlainBugsAreNot() {
        assertThat(TransientFailure.isTransient(new InvalidInput("status", "unknown"))).isFalse();
        assertThat(TransientFailure.isTransient(new NullPointerException())).isFalse();
        assertThat(TransientFailure.isTransient(new SQLException("no state"))).isFalse();
    }
}
