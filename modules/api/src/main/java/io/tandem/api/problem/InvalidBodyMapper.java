package io.tandem.api.problem;

import io.tandem.api.http.InvalidBody;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class InvalidBodyMapper implements ExceptionMapper<InvalidBody> {
    @Override
    public Response toResponse(InvalidBody e) {
        var errors = e.errors().stream().map(f -> new Problem.FieldError(f.field(), f.message())).toList();
        return Problem.of(Status.BAD_REQUEST, "invalid-body", "the request body is not valid", errors).toResponse();
    }
}
