package io.tandem.api.http;

import java.sql.SQLException;
import java.util.Set;

/**
 * A command that failed for a reason worth one more try: the database gave up on a lock wait, a
 * deadlock or a serialization conflict. Nothing else is transient: a rejection or a bug fails the
 * same way every time.
 */
public class TransientFailure extends RuntimeException {
    /** PostgreSQL: serialization failure, deadlock, lock not available; H2: lock timeout. */
    static final Set<String> SQL_STATES = Set.of("40001", "40P01", "55P03", "HYT00");

    public TransientFailure(Throwable cause) {
        super("transient failure: " + cause.getMessage(), cause);
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && SQL_STATES.contains(sql.getSQLState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
