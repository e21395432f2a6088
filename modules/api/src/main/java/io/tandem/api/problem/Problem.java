package io.tandem.api.problem;

import io.tandem.kernel.event.EventJson;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    /** For servlet filters that answer before JAX-RS (and its JSON binding) is reached. */
    public void writeTo(HttpServletResponse response) throws IOException {
        JsonArrayBuilder fields = EventJson.JSON.createArrayBuilder();
        errors.forEach(e -> fields.add(EventJson.JSON.createObjectBuilder().add("field", e.field()).add("message", e.message())));
        byte[] body = EventJson.JSON.createObjectBuilder()
                .add("type", type)
                .add("title", title)
                .add("status", status)
                .add("detail", detail)
                .add("errors", fields)
                .build()
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
