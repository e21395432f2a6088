package io.tandem.bench.baseline;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * B2: the cheapest JAX-RS GET there is on this server, the ceiling any Tandem endpoint runs under.
 * Deliberately no CDI bean, no EJB, no JSON binding: the body is a constant string.
 */
@Path("/ping")
public class PingResource {
    private static final String BODY = "{\"ok\":true}";

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String ping() {
        return BODY;
    }
}
