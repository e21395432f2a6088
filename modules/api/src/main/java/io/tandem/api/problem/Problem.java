package io.tandem.api.problem;

import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem detail. {@code errors} names each offending field (a body property, a header
 * such as If-Match, or a path or query parameter) with what is wrong with it.
 */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) {}

    public static Problem of(Response.StatusType status, String slug, String detail, List<FieldError> errors) {
        return new Problem("urn:tandem:problem:" + slug, status.getReasonPhrase(), status.getStatusCode(), detail, errors);
    }

    public static Problem of(Response.StatusType status, String slug, String detail, String field) {
        return of(status, slug, detail, field == null ? List.of() : List.of(new FieldError(field, detail)));
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
