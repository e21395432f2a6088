package io.tandem.api.http;

import io.tandem.api.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Provider;
import java.util.regex.Pattern;

/**
 * Accepts {@code Idempotency-Key} on {@link Idempotent} operations (after authentication: keys are
 * scoped to the tenant) and marks replayed answers with {@code Idempotent-Replayed: true}. The key
 * itself is claimed by {@link CommandGateway} when the command is sent.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class IdempotencyFilter implements ContainerRequestFilter, ContainerResponseFilter {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

    @Context
    ResourceInfo resource;

    @Inject
    Caller caller;

    @Override
    public void filter(ContainerRequestContext request) {
        String key = request.getHeaderString(HEADER);
        if (key == null || resource.getResourceMethod() == null || HttpMethod.GET.equals(request.getMethod())) {
            return;
        }
        if (!resource.getResourceMethod().isAnnotationPresent(Idempotent.class)) {
            request.abortWith(Problem.of(Status.BAD_REQUEST, "idempotency-not-supported",
                    "this operation does not take an Idempotency-Key", HEADER).toResponse());
            return;
        }
        if (!KEY.matcher(key).matches()) {
            request.abortWith(Problem.of(Status.BAD_REQUEST, "invalid-idempotency-key",
                    "Idempotency-Key must be 1 to 255 printable ASCII characters", HEADER).toResponse());
            return;
        }
        caller.useIdempotencyKey(key, request.getMethod(), request.getUriInfo().getPath(),
                request.getHeaderString(HttpHeaders.IF_MATCH));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getHeaderString(HEADER) != null && caller.replayed()) {
            response.getHeaders().putSingle(REPLAYED, "true");
        }
    }
}
