package io.tandem.bench.baseline;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A body JSON-B cannot read is the client's mistake: 400, not RESTEasy's default 500 with an ERROR
 * logged per request (a benchmark sending a bad body would otherwise measure the logging).
 */
@Provider
public class MalformedBodyMapper implements ExceptionMapper<ProcessingException> {
    @Override
    public Response toResponse(ProcessingException e) {
        return Refusal.badRequest("the body is not the JSON expected: {\"title\": ..., \"description\": ..., \"priority\": ...}");
    }
}
