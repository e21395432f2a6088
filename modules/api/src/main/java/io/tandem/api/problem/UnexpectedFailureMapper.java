package io.tandem.api.problem;

import io.tandem.kernel.fault.Faults;
import io.tandem.kernel.rejection.Rejection;
import jakarta.ejb.EJBException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything no other mapper claims, including failures the EJB container wrapped. Known causes
 * found in the chain get their proper status (a rejection, a write conflict between concurrent
 * commands, a lock wait that timed out, a database connection lost); the rest is a 500 whose body carries only a reference to
 * the log entry, never a stack trace, SQL or class name.
 */
@Provider
public class UnexpectedFailureMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(UnexpectedFailureMapper.class.getName());

    /**
     * A connection the database closed (SQL state class 08), or a session it ended because it shut
     * down or an administrator terminated it (57P01-57P03): what a request meets if it takes a
     * pooled connection after a PostgreSQL restart and before the pool's background check found it
     * dead (wildfly-config/30-datasource-postgresql.cli). Worth a retry, unlike a bug.
     */
    static boolean connectionLost(String sqlState) {
        return sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02") || sqlState.equals("57P03");
    }

    /** Whether a lost database connection (see {@link #connectionLost}) is somewhere in the failure's causes. */
    public static boolean causedByLostConnection(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && connectionLost(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The answer to a request that met a lost database connection; servlet filters write it themselves. */
    public static Problem lostConnection() {
        return Problem.of(Status.SERVICE_UNAVAILABLE, "database-unavailable", "the connection to the database was lost; "
                + "retry. A command may have been applied: send it again with the same Idempotency-Key to be sure it is "
                + "applied once", (String) null);
    }

    private static Response retryLater(Problem problem) {
        return Response.status(Status.SERVICE_UNAVAILABLE)
                .type(Problem.MEDIA_TYPE)
                .header("Retry-After", "1")
                .entity(problem)
                .build();
    }

    @Override
    public Response toResponse(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Rejection r) {
                return RejectionMapper.problem(r).toResponse();
            }
            if (t instanceof WebApplicationException w && t != failure) {
                return new WebApplicationExceptionMapper().toResponse(w);
            }
            if (t instanceof Faults.InjectedFault) {
                return Problem.of(Status.INTERNAL_SERVER_ERROR, "injected-fault", t.getMessage(), (String) null)
                        .toResponse();
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("23")) {
                    return Problem.of(Status.CONFLICT, "write-conflict",
                            "a concurrent request changed the same data; retry", (String) null).toResponse();
                }
                if (state.equals("40001") || state.equals("40P01") || state.equals("HYT00") || state.equals("55P03")) {
                    return retryLater(Problem.of(Status.SERVICE_UNAVAILABLE, "contention", "the data is busy; retry", (String) null));
                }
                if (connectionLost(state)) {
                    LOG.log(Level.WARNING, "the database connection was lost (SQL state " + state + "): " + sql.getMessage());
                    return retryLater(lostConnection());
                }
            }
        }
        String reference = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "unexpected failure, reference " + reference, failure instanceof EJBException e && e.getCause() != null ? e.getCause() : failure);
        return Problem.of(Status.INTERNAL_SERVER_ERROR, "internal-error",
                "unexpected failure; quote reference " + reference, (String) null).toResponse();
    }
}
