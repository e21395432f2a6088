package io.tandem.api.http;

import io.tandem.api.limits.RateLimitFilter;
import io.tandem.api.problem.Problem;
import io.tandem.kernel.fault.Faults;
import io.tandem.kernel.tenant.CurrentTenant;
import io.tandem.tenancy.contract.Actor;
import io.tandem.tenancy.credentials.ApiKeyAuthenticator;
import io.tandem.tenancy.credentials.ApiKeySecret;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Provider;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Authenticates every request to a resource method not marked {@link Anonymous}, from
 * {@code Authorization: Bearer}: an API key ({@code tdm_…}), the platform operator's key, or a JWT
 * of the enterprise identity provider ({@link JwtCredentials}). The principal alone decides the
 * tenant, which is bound to the thread for Hibernate's tenant discriminator. Every refused
 * credential — missing, malformed, unknown, revoked, expired, badly signed — gets the same 401 with
 * {@code WWW-Authenticate}, so the answer reveals nothing about which credentials exist.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {
    static final String FAULT_HEADER = "Tandem-Fault";

    @Context
    ResourceInfo resource;

    @Inject
    ApiKeyAuthenticator apiKeys;

    @Inject
    JwtCredentials jwts;

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
        if (bearer == null || bearer.isEmpty()) {
            request.abortWith(unauthenticated());
            return;
        }
        if (operatorKey.matches(bearer)) {
            caller.authenticateOperator(faults);
            CurrentTenant.bind(CurrentTenant.PLATFORM);
            return;
        }
        // The rate limit in front of JAX-RS has checked the credential already.
        Object known = request.getProperty(RateLimitFilter.ACTOR);
        Optional<Actor> actor = known instanceof Actor a ? Optional.of(a)
                : ApiKeySecret.prefixOf(bearer).isPresent() ? apiKeys.authenticate(bearer)
                : jwts.verify(bearer);
        if (actor.isEmpty()) {
            request.abortWith(unauthenticated());
            return;
        }
        caller.authenticate(actor.get(), faults);
        CurrentTenant.bind(actor.get().tenantId());
    }

    static Response unauthenticated() {
        return Response.fromResponse(Problem.of(Status.UNAUTHORIZED, "unauthenticated",
                                "a valid credential is required: Authorization: Bearer <API key or JWT>", "Authorization")
                        .toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tandem\"")
                .build();
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
