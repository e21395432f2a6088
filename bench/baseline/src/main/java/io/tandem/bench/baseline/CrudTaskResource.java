package io.tandem.bench.baseline;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.UUID;

/**
 * B3 write: "create task" as plain CRUD does it, one JPA persist in one container transaction.
 *
 * <p>Benchmark only: the tenant is whatever the {@code X-Tenant} header says, unauthenticated and
 * not rate limited, and the project is not checked. Tandem's {@code POST /api/projects/{id}/tasks}
 * pays for authentication, rate limiting, idempotency, the tenant's row-level-security setting, a
 * project lookup, the event log and outbox, and the projections that follow; this pays for none.
 */
@Stateless
@Path("/projects/{projectId}/tasks")
public class CrudTaskResource {
    @PersistenceContext(unitName = "baseline")
    EntityManager em;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(
            @HeaderParam(Tenant.HEADER) UUID tenantId, @PathParam("projectId") UUID projectId, CrudTaskRequest body) {
        if (tenantId == null) {
            return Tenant.missing();
        }
        CrudTask task;
        try {
            task = CrudTask.create(tenantId, projectId, body, Instant.now());
        } catch (CrudTask.Invalid e) {
            return Refusal.badRequest(e.getMessage());
        }
        em.persist(task);
        return Response.status(Response.Status.CREATED).entity(new Created(task.id())).build();
    }

    /** The 201's body. */
    public record Created(UUID id) {}
}
