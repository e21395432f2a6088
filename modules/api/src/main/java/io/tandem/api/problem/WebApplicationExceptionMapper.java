package io.tandem.api.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * JAX-RS's own refusals (unknown path, wrong method, unsupported media type, unparsable path
 * parameter) as problems. The detail is the status phrase, never the exception message, which can
 * name internal classes.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        if (original.getEntity() instanceof Problem) {
            return original;
        }
        Response.StatusType status = original.getStatusInfo();
        Problem problem = Problem.of(status, "http-" + status.getStatusCode(), status.getReasonPhrase(), (String) null);
        Response.ResponseBuilder builder = Response.status(status.getStatusCode()).type(Problem.MEDIA_TYPE).entity(problem);
        original.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return builder.build();
    }
}
