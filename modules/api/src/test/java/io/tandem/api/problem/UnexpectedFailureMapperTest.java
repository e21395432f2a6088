package io.tandem.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnexpectedFailureMapperTest {

    @Test
    void aConnectionTheDatabaseClosedOrEndedIsLost() {
        // 08006 is what pgjdbc raises writing to a closed socket, 08003 for a connection it closed
        // itself, 57P01 what PostgreSQL sends a session an administrator (or a shutdown) terminated.
        for (String state : new String[] {"08000", "08003", "08006", "57P01", "57P02", "57P03"}) {
            assertThat(UnexpectedFailureMapper.connectionLost(state)).as(state).isTrue();
        }
    }

    @Test
    void otherFailuresAreNot() {
        // A cancelled statement (57014) or a syntax error would fail the same way again.
        for (String state : new String[] {"40001", "23505", "42601", "57014", "HYT00", "XX000"}) {
            assertThat(UnexpectedFailureMapper.connectionLost(state)).as(state).isFalse();
        }
    }
}
