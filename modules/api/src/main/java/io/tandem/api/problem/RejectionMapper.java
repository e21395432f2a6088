package io.tandem.api.problem;

import io.tandem.kernel.rejection.Duplicate;
import io.tandem.kernel.rejection.Forbidden;
import io.tandem.kernel.rejection.InvalidInput;
import io.tandem.kernel.rejection.NotFound;
import io.tandem.kernel.rejection.Rejection;
import io.tandem.kernel.rejection.RuleViolated;
import io.tandem.kernel.rejection.StaleVersion;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The one place that decides which HTTP status each kind of domain rejection gets. */
@Provider
public class RejectionMapper implements ExceptionMapper<Rejection> {
    @Override
    public Response toResponse(Rejection r) {
        return problem(r).toResponse();
    }

    static Problem problem(Rejection r) {
        if (r instanceof NotFound) {
            return Problem.of(Status.NOT_FOUND, "not-found", r.getMessage(), r.field());
        }
        if (r instanceof InvalidInput) {
            return Problem.of(Status.BAD_REQUEST, "invalid-input", r.getMessage(), r.field());
        }
        if (r instanceof StaleVersion) {
            return Problem.of(Status.PRECONDITION_FAILED, "stale-version", r.getMessage(), r.field());
        }
        if (r instanceof RuleViolated) {
            return Problem.of(Status.CONFLICT, "rule-violated", r.getMessage(), r.field());
        }
        if (r instanceof Forbidden) {
            return Problem.of(Status.FORBIDDEN, "forbidden", r.getMessage(), r.field());
        }
        if (r instanceof Duplicate) {
            return Problem.of(Status.CONFLICT, "duplicate", r.getMessage(), r.field());
        }
        return Problem.of(Status.BAD_REQUEST, "rejected", r.getMessage(), r.field());
    }
}
