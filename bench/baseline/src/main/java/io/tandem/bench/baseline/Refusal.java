package io.tandem.bench.baseline;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The body of a 400 from the baseline endpoints: only why (no problem+json, nobody reads it but a human). */
public record Refusal(String detail) {
    static Response badRequest(String detail) {
        return Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON)
                .entity(new Refusal(detail))
                .build();
    }
}
