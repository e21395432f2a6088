package io.tandem.api.http;

import io.tandem.api.problem.Problem;
import io.tandem.kernel.command.Receipt;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

/**
 * How aggregate versions and event positions travel over HTTP: the version as a strong ETag (sent
 * back in If-Match to update), the position as {@code Tandem-Position} (to wait for on the read side).
 */
public final class Versions {
    public static final String POSITION_HEADER = "Tandem-Position";

    private Versions() {}

    public static Response.ResponseBuilder withReceipt(Response.ResponseBuilder builder, Receipt receipt) {
        return builder.tag(new EntityTag(Long.toString(receipt.version())))
                .header(POSITION_HEADER, receipt.position());
    }

    /** The version an If-Match header names; 428 when it is missing, 400 when it names no version. */
    public static long expected(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new WebApplicationException(Problem.of(Status.PRECONDITION_REQUIRED,
                    "precondition-required", "send If-Match with the task's current ETag", "If-Match").toResponse());
        }
        String v = ifMatch.trim();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        try {
            long version = Long.parseLong(v);
            if (version < 1) {
                throw new NumberFormatException();
            }
            return version;
        } catch (NumberFormatException e) {
            throw new WebApplicationException(Problem.of(Status.BAD_REQUEST, "invalid-if-match",
                    "If-Match must be an ETag returned by this API, such as \"3\"", "If-Match").toResponse());
        }
    }
}
