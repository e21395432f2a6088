package io.tandem.api.limits;

import io.tandem.api.http.Caller;
import io.tandem.api.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Provider;

/**
 * Per-tenant rate limit, right after authentication and before any other work: above its plan's
 * bucket a tenant gets 429 with Retry-After. The operator and anonymous requests are not counted;
 * API-key requests were counted already, in front of the framework, by {@link RefusalTarpit}.
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 50)
public class RateLimitFilter implements ContainerRequestFilter {
    public static final String RETRY_AFTER = "Retry-After";

    @Inject
    Caller caller;

    @Inject
    TenantRateLimits limits;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!caller.authenticatedTenant() || request.getProperty(RefusalTarpit.COUNTED) != null) {
            return;
        }
        long wait = limits.take(caller.tenantId(), caller.actor().plan());
        if (wait > 0) {
            request.abortWith(Response.fromResponse(Problem.of(Status.TOO_MANY_REQUESTS, "rate-limited",
                                    "this tenant's plan allows fewer requests per second; retry after " + wait + " s",
                                    (String) null).toResponse())
                    .header(RETRY_AFTER, Long.toString(wait))
                    .build());
        }
    }
}
