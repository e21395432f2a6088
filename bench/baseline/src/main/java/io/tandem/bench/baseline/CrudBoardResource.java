package io.tandem.bench.baseline;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/**
 * B3 read: a project's board as plain CRUD computes it, one query joining the tracker's write model
 * ({@code tracker_project}, {@code tracker_task}) and grouping by status with window functions,
 * where Tandem reads its {@code project_list} and {@code task_board} read models (a project query,
 * a count per status, then the cards of each non-empty status).
 *
 * <p>Benchmark only: the tenant is whatever the {@code X-Tenant} header says, unauthenticated and
 * not rate limited (Tandem's board pays for both). On PostgreSQL the write model has forced
 * row-level security keyed on {@code tandem.tenant}, so the transaction sets it before the query,
 * like Tandem does once per transaction.
 */
@Stateless
@Path("/projects/{projectId}/board")
public class CrudBoardResource {
    /**
     * One statement: the left join keeps the project's row when it has no tasks (a 404 is no row at
     * all); the counts are over the whole status, the cards capped per status as Tandem caps them.
     * The tenant predicate is there besides row-level security so that the index on
     * tracker_task(tenant_id, project_id) serves the join, and so that H2 (no policies) is right too.
     */
    static final String QUERY = """
            select b.project_id, b.project_key, b.name, b.task_id, b.title, b.priority, b.version, b.status, b.status_count
            from (select p.id as project_id, p.project_key, p.name,
                         t.id as task_id, t.title, t.priority, t.version, t.status,
                         count(t.id) over (partition by t.status) as status_count,
                         row_number() over (partition by t.status order by t.created_at, t.id) as card_rank
                  from tracker_project p
                  left join tracker_task t on t.tenant_id = p.tenant_id and t.project_id = p.id
                  where p.tenant_id = :tenant and p.id = :project) b
            where b.card_rank <= %d
            order by b.status, b.card_rank""".formatted(CrudBoard.CARDS_PER_COLUMN);

    @PersistenceContext(unitName = "baseline")
    EntityManager em;

    @Inject
    CrudSchema schema;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response board(@HeaderParam(Tenant.HEADER) UUID tenantId, @PathParam("projectId") UUID projectId) {
        if (tenantId == null) {
            return Tenant.missing();
        }
        if (schema.postgres()) {
            // Transaction-local (true): it ends with this request's transaction and never leaks to
            // the next user of the pooled connection.
            em.createNativeQuery("select set_config('tandem.tenant', :tenant, true)")
                    .setParameter("tenant", tenantId.toString())
                    .getSingleResult();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(QUERY)
                .setParameter("tenant", tenantId)
                .setParameter("project", projectId)
                .getResultList();
        return CrudBoard.fromRows(rows)
                .map(board -> Response.ok(board).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).build());
    }
}
