package io.tandem.api.http;

import io.tandem.api.problem.Problem;
import io.tandem.kernel.projection.Projection;
import io.tandem.kernel.projection.ProjectionCatalog;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Provider;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Read-your-writes over HTTP: a query sent with {@code Tandem-Min-Position: <p>} (the value a write
 * returned) is answered only once every read model it reads from has applied the tenant's events
 * up to p; if that takes longer than the bound, 503 with {@code Retry-After}.
 */
@Provider
@Priority(Priorities.USER)
public class MinPositionFilter implements ContainerRequestFilter {
    public static final String HEADER = "Tandem-Min-Position";

    @Context
    ResourceInfo resource;

    @Inject
    Caller caller;

    @Inject
    ReadYourWrites readYourWrites;

    @Inject
    ProjectionCatalog catalog;

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HEADER);
        if (header == null || resource.getResourceMethod() == null) {
            return;
        }
        ReadsFrom reads = resource.getResourceMethod().getAnnotation(ReadsFrom.class);
        if (reads == null || reads.allTenants()) {
            return;
        }
        long position = Paging.position(HEADER, header.trim(), "invalid-header");
        List<Projection> needed = Arrays.stream(reads.value())
                .map(name -> catalog.named(name)
                        .orElseThrow(() -> new IllegalStateException("no projection named " + name)))
                .toList();
        try {
            readYourWrites.await(needed, caller.tenantId(), position);
        } catch (TimeoutException e) {
            request.abortWith(Response.fromResponse(Problem.of(Status.SERVICE_UNAVAILABLE, "not-caught-up",
                                    "the read model has not reached position " + position + " yet; retry", HEADER)
                            .toResponse())
                    .header("Retry-After", "1")
                    .build());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request.abortWith(Problem.of(Status.SERVICE_UNAVAILABLE, "not-caught-up", "interrupted while waiting", HEADER)
                    .toResponse());
        }
    }
}
