package io.tandem.api.admin;

import io.tandem.api.http.Allowed;
import io.tandem.tenancy.contract.Permission;
import io.tandem.api.http.Caller;
import io.tandem.api.http.ProblemResponses;
import io.tandem.api.problem.Problem;
import io.tandem.kernel.projection.DeadLetters;
import io.tandem.kernel.projection.ParkedEvent;
import io.tandem.kernel.projection.ParkedEvents;
import io.tandem.kernel.projection.Projection;
import io.tandem.kernel.projection.ProjectionCatalog;
import io.tandem.kernel.projection.ProjectionProgress;
import io.tandem.kernel.projection.ProjectionRebuilds;
import io.tandem.kernel.projection.ReadModelTwins;
import io.tandem.kernel.projection.Rebuild;
import io.tandem.kernel.projection.TenantScope;
import io.tandem.kernel.rejection.NotFound;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Projection status, dead letters and rebuilds. A tenant's owners and admins see and act on their
 * own tenant only; the platform operator (the operator key) on all tenants at once.
 */
@Path("/admin/projections")
@Tag(name = "admin", description = "Projection status and dead letters")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@ProblemResponses
@APIResponse(responseCode = "403", description = "Only a tenant's owners and admins",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ProjectionAdminResource {

    @Inject
    Caller caller;

    @Inject
    ProjectionCatalog catalog;

    @Inject
    ProjectionProgress progress;

    @Inject
    ParkedEvents parked;

    @Inject
    DeadLetters deadLetters;

    @Inject
    ProjectionRebuilds rebuilds;

    @Inject
    ReadModelTwins twins;

    @Allowed(Permission.OPERATE_PROJECTIONS)
    @GET
    @Operation(summary = "Status of every projector for the caller's tenant")
    @APIResponse(responseCode = "200", description = "One entry per projector",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ProjectionStatusView.class)))
    public List<ProjectionStatusView> status() {
        TenantScope scope = admin();
        return catalog.all().stream().map(p -> status(p, scope)).toList();
    }

    private ProjectionStatusView status(Projection p, TenantScope scope) {
        var lag = progress.lag(p, scope);
        long parkedCount = parked.countParked(p.name(), scope);
        var rebuild = rebuilds.latest(p.name(), scope);
        String state = rebuild.filter(Rebuild::running).isPresent() ? "rebuilding"
                : parkedCount > 0 ? "parked" : lag.events() > 0 ? "catching-up" : "live";
        return new ProjectionStatusView(p.name(), p.aggregateTypes(), lag.checkpoint(), lag.events(), lag.millis(),
                parkedCount, state, rebuild.map(RebuildView::of).orElse(null));
    }

    @Allowed(Permission.OPERATE_PROJECTIONS)
    @POST
    @Path("/{name}/rebuild")
    @Operation(summary = "Rebuild a projection's read model for the tenant", description = "Blue/green: replays the"
            + " tenant's events in batches into a fresh copy while live events keep flowing, then swaps it in atomically."
            + " Follow the progress at the returned Location or in the projection status.")
    @APIResponse(responseCode = "202", description = "Started",
            content = @Content(schema = @Schema(implementation = RebuildView.class)))
    @APIResponse(responseCode = "404", description = "No such projector",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A rebuild of it is running already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response rebuild(@PathParam("name") String name) {
        TenantScope scope = admin();
        Rebuild rebuild = rebuilds.start(deadLetters.projection(name), scope, caller.name());
        return Response.accepted(RebuildView.of(rebuild))
                .location(URI.create("admin/projections/" + name + "/rebuild"))
                .build();
    }

    @Allowed(Permission.OPERATE_PROJECTIONS)
    @GET
    @Path("/{name}/rebuild")
    @Operation(summary = "Progress of the tenant's latest rebuild of a projection")
    @APIResponse(responseCode = "200", description = "The rebuild",
            content = @Content(schema = @Schema(implementation = RebuildView.class)))
    @APIResponse(responseCode = "404", description = "No such projector, or no rebuild since the server started",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RebuildView rebuildProgress(@PathParam("name") String name) {
        TenantScope scope = admin();
        deadLetters.projection(name);
        return rebuilds.latest(name, scope).map(RebuildView::of)
                .orElseThrow(() -> new NotFound("name", "rebuild of projection", name));
    }

    @Allowed(Permission.OPERATE_PROJECTIONS)
    @GET
    @Path("/{name}/fingerprint")
    @Operation(summary = "A hash of the tenant's rows in a projection's read model",
            description = "Equal fingerprints mean equal read models: compare before and after a rebuild.")
    @APIResponse(responseCode = "200", description = "The fingerprint",
            content = @Content(schema = @Schema(implementation = FingerprintView.class)))
    @APIResponse(responseCode = "404", description = "No such projector",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public FingerprintView fingerprint(@PathParam("name") String name) {
        TenantScope scope = admin();
        var fingerprint = twins.fingerprint(deadLetters.projection(name), scope);
        return new FingerprintView(name, fingerprint.rows(), fingerprint.sha256());
    }

    @Allowed(Permission.OPERATE_PROJECTIONS)
    @GET
    @Path("/{name}/parked")
    @Operation(summary = "The tenant's parked events of a projector", description = "In log order; resolved=true adds"
            + " retried and skipped ones with who resolved them and why.")
    @APIResponse(responseCode = "200", description = "Parked events",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ParkedEventView.class)))
    @APIResponse(responseCode = "404", description = "No such projector",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<ParkedEventView> parked(@PathParam("name") String name, @QueryParam("resolved") String resolvedParam) {
        TenantScope scope = admin();
        if (resolvedParam != null && !resolvedParam.equals("true") && !resolvedParam.equals("false")) {
            throw new WebApplicationException(Problem.of(Status.BAD_REQUEST, "invalid-query",
                    "resolved must be true or false", "resolved").toResponse());
        }
        boolean resolved = "true".equals(resolvedParam);
        deadLetters.projection(name);
        return parked.of(name, scope, resolved).stream().map(ProjectionAdminResource::view).toList();
    }

    @Allowed(Permission.OPERATE_PROJECTIONS)
    @POST
    @Path("/{name}/parked/retry")
    @Operation(summary = "Retry all of the tenant's parked events of a projector", description = "Aggregate by aggregate,"
            + " in version order; an aggregate's chain stops at the first event that fails again.")
    @APIResponse(responseCode = "200", description = "What happened to each",
            content = @Content(schema = @Schema(implementation = RetryResult.class)))
    @APIResponse(responseCode = "404", description = "No such projector",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RetryResult retryAll(@PathParam("name") String name) {
        TenantScope scope = admin();
        return new RetryResult(deadLetters.retryAll(name, scope, caller.name()));
    }

    @Allowed(Permission.OPERATE_PROJECTIONS)
    @POST
    @Path("/{name}/parked/{eventId}/retry")
    @Operation(summary = "Retry a parked event", description = "Retries its aggregate's parked events in version order.")
    @APIResponse(responseCode = "200", description = "What happened to each",
            content = @Content(schema = @Schema(implementation = RetryResult.class)))
    @APIResponse(responseCode = "404", description = "No such projector or parked event in this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The event was resolved already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RetryResult retry(@PathParam("name") String name, @PathParam("eventId") UUID eventId) {
        TenantScope scope = admin();
        return new RetryResult(deadLetters.retry(name, scope, eventId, caller.name()));
    }

    @Allowed(Permission.OPERATE_PROJECTIONS)
    @POST
    @Path("/{name}/parked/{eventId}/skip")
    @Operation(summary = "Skip a parked event, with a reason", description = "The projector moves past it without"
            + " applying it; the events held behind it are then retried.")
    @APIResponse(responseCode = "200", description = "What happened to each",
            content = @Content(schema = @Schema(implementation = RetryResult.class)))
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such projector or parked event in this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Resolved already, or an earlier version of its aggregate is parked",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RetryResult skip(@PathParam("name") String name, @PathParam("eventId") UUID eventId, SkipRequest body) {
        TenantScope scope = admin();
        return new RetryResult(deadLetters.skip(name, scope, eventId, body.reason(), caller.name()));
    }

    /** The caller's scope: all tenants for the operator, else their own (the role matrix admits owners and admins). */
    private TenantScope admin() {
        if (caller.operator()) {
            return TenantScope.ALL;
        }
        return caller.scope();
    }

    static ParkedEventView view(ParkedEvent p) {
        var e = p.event();
        return new ParkedEventView(e.eventId(), e.tenantId(), e.position(), e.eventType(), e.aggregateType(), e.aggregateId(),
                e.aggregateVersion(), p.reason(), p.error(), p.attempts(), p.parkedAt(), p.state(), p.resolvedAt(),
                p.resolvedBy(), p.resolutionNote());
    }
}
