package io.tandem.datasource;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class PostgresConnectionLostSorterTest {
    private final PostgresConnectionLostSorter sorter = new PostgresConnectionLostSorter();

    @Test
    void aConnectionThatPostgresEndedOrTheDriverClosedIsFatal() {
        for (String state : new String[] {"08000", "08001", "08003", "08006", "57P01", "57P02", "57P03"}) {
            assertThat(sorter.isExceptionFatal(new SQLException("lost", state))).as(state).isTrue();
        }
    }

    @Test
    void errorsOfAStatementOnAGoodConnectionAreNot() {
        // A cancelled statement, a conflict, a deadlock, a syntax error, no state at all.
        for (String state : new String[] {"57014", "23505", "40001", "40P01", "42601", "XX000", null}) {
            assertThat(sorter.isExceptionFatal(new SQLException("statement failed", state))).as(String.valueOf(state)).isFalse();
        }
    }
}
