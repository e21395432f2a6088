package io.tandem.api.http;

import io.tandem.api.problem.Problem;
import io.tandem.kernel.command.Refusals;
import io.tandem.tenancy.contract.Permission;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;

/**
 * Checks the role matrix before any work: the resource method's {@link Allowed} permission against
 * the caller's role (or operator status). A refused write is recorded in the tenant's audit log.
 */
@Provider
@Priority(Priorities.AUTHORIZATION - 100)
public class AuthorizationFilter implements ContainerRequestFilter {
    @Context
    ResourceInfo resource;

    @Inject
    Caller caller;

    @Inject
    Refusals refusals;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null || method.isAnnotationPresent(Anonymous.class)) {
            return;
        }
        Allowed allowed = method.getAnnotation(Allowed.class);
        if (allowed == null) {
            // Fail closed: a method nobody classified is nobody's.
            request.abortWith(Problem.of(Status.FORBIDDEN, "forbidden", "this operation is not open to any caller", (String) null)
                    .toResponse());
            return;
        }
        Permission permission = allowed.value();
        if (caller.operator()) {
            if (!permission.grantedToOperator()) {
                request.abortWith(Problem.of(Status.FORBIDDEN, "forbidden",
                        "the platform operator's key belongs to no tenant; it opens the operator's operations only",
                        "Authorization").toResponse());
            }
            return;
        }
        if (!permission.grantedTo(caller.actor().role())) {
            if (!HttpMethod.GET.equals(request.getMethod())) {
                refusals.record(caller.auditContext(), resource.getResourceClass().getSimpleName() + "." + method.getName(),
                        "forbidden", null, "role " + caller.actor().role().wire() + " lacks " + permission);
            }
            request.abortWith(Problem.of(Status.FORBIDDEN, "forbidden",
                    "role " + caller.actor().role().wire() + " may not do this", "Authorization").toResponse());
        }
    }
}
