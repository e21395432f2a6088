package io.tandem.api.http;

import io.tandem.api.problem.Problem;
import io.tandem.kernel.fault.Faults;
import io.tandem.tenancy.credentials.ApiKeyAuthenticator;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Provider;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Authenticates every request to a resource method not marked {@link Anonymous}: the API key in
 * {@code Authorization: Bearer} decides the tenant and the role. A missing, malformed, unknown or
 * revoked key gets the same 401, so the answer reveals nothing about which keys exist.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyAuthFilter implements ContainerRequestFilter {
    static final String FAULT_HEADER = "Tandem-Fault";

    @Context
    ResourceInfo resource;

    @Inject
    ApiKeyAuthenticator authenticator;

    @Inject
    Caller caller;

    @Inject
    OperatorKey operatorKey;

    @Override
    public void filter(ContainerRequestContext request) {
        Set<String> faults = faults(request);
        if (resource.getResourceMethod() != null && resource.getResourceMethod().isAnnotationPresent(Anonymous.class)) {
            caller.requestFaults(faults);
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String bearer = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        if (bearer != null && operatorKey.matches(bearer)) {
            if (resource.getResourceClass() == null || !resource.getResourceClass().isAnnotationPresent(OperatorAccess.class)) {
                request.abortWith(Problem.of(Status.FORBIDDEN, "forbidden",
                        "the platform operator's key is for /api/admin only; it belongs to no tenant", "Authorization")
                        .toResponse());
                return;
            }
            caller.authenticateOperator(faults);
            return;
        }
        var actor = bearer != null
                ? authenticator.authenticate(bearer)
                : java.util.Optional.<io.tandem.tenancy.contract.Actor>empty();
        if (actor.isEmpty()) {
            request.abortWith(jakarta.ws.rs.core.Response.fromResponse(Problem.of(Status.UNAUTHORIZED, "unauthenticated",
                                    "a valid API key is required: Authorization: Bearer <key>", "Authorization")
                            .toResponse())
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tandem\"")
                    .build());
            return;
        }
        caller.authenticate(actor.get(), faults);
    }

    /** Test-only fault requests, honoured only on a server started with faults enabled. */
    private static Set<String> faults(ContainerRequestContext request) {
        String header = request.getHeaderString(FAULT_HEADER);
        if (header == null || !Faults.enabled()) {
            return Set.of();
        }
        return Arrays.stream(header.split(","))
                .map(String::trim)
                .filter(Faults.KNOWN::contains)
                .collect(Collectors.toUnmodifiableSet());
    }
}
