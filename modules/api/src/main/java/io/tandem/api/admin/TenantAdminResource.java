package io.tandem.api.admin;

import io.tandem.api.http.Allowed;
import io.tandem.api.http.Caller;
import io.tandem.api.http.CommandGateway;
import io.tandem.api.http.CommandResult;
import io.tandem.api.http.Paging;
import io.tandem.api.http.ReadsFrom;
import io.tandem.api.http.Versions;
import io.tandem.api.problem.Problem;
import io.tandem.tenancy.contract.ChangePlan;
import io.tandem.tenancy.contract.FetchTenantDirectory;
import io.tandem.tenancy.contract.Permission;
import io.tandem.tenancy.contract.ReactivateTenant;
import io.tandem.tenancy.contract.SuspendTenant;
import io.tandem.tenancy.contract.TenantView;
import io.tandem.tenancy.readmodel.FetchTenantHandler;
import io.tandem.tenancy.readmodel.TenantDirectoryProjection;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The platform operator's tenant directory and the operator's commands on a tenant. */
@Path("/admin/tenants")
@Tag(name = "operations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TenantAdminResource {
    @Inject
    CommandGateway gateway;

    @Inject
    Caller caller;

    @Inject
    FetchTenantHandler fetchTenants;

    @GET
    @Allowed(Permission.OPERATE_PLATFORM)
    @ReadsFrom(value = TenantDirectoryProjection.NAME, allTenants = true)
    @Operation(summary = "List every tenant (platform operator)", description = "Closed tenants stay listed, without their name.")
    @APIResponse(responseCode = "200", description = "A page of tenants",
            content = @Content(schema = @Schema(implementation = TenantDirectoryPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid offset or limit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TenantDirectoryPage list(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        Paging paging = Paging.of(offset, limit);
        List<TenantView> items = fetchTenants.handle(new FetchTenantDirectory(paging.offset(), paging.limit()));
        return new TenantDirectoryPage(items, paging.offset(), paging.limit());
    }

    @POST
    @Path("/{tenantId}/suspend")
    @Allowed(Permission.OPERATE_PLATFORM)
    @Operation(summary = "Suspend a tenant (platform operator)", description = "Its credentials stop working; its data stays.")
    @APIResponse(responseCode = "200", description = "Suspended",
            content = @Content(schema = @Schema(implementation = CommandResult.class)))
    @APIResponse(responseCode = "400", description = "Invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already suspended, or closed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response suspend(@PathParam("tenantId") UUID tenantId, SuspendRequest body) {
        var receipt = gateway.send(new SuspendTenant(caller.operatorContext(tenantId), body.reason()));
        return Versions.withReceipt(Response.ok(), receipt).entity(CommandResult.of(receipt)).build();
    }

    @POST
    @Path("/{tenantId}/reactivate")
    @Allowed(Permission.OPERATE_PLATFORM)
    @Operation(summary = "Reactivate a suspended tenant (platform operator)")
    @APIResponse(responseCode = "200", description = "Active again",
            content = @Content(schema = @Schema(implementation = CommandResult.class)))
    @APIResponse(responseCode = "404", description = "No such tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not suspended, or closed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response reactivate(@PathParam("tenantId") UUID tenantId) {
        var receipt = gateway.send(new ReactivateTenant(caller.operatorContext(tenantId)));
        return Versions.withReceipt(Response.ok(), receipt).entity(CommandResult.of(receipt)).build();
    }

    @PUT
    @Path("/{tenantId}/plan")
    @Allowed(Permission.OPERATE_PLATFORM)
    @Operation(summary = "Move a tenant to another plan (platform operator)", description = "The plan sets the tenant's rate limit.")
    @APIResponse(responseCode = "200", description = "Changed",
            content = @Content(schema = @Schema(implementation = CommandResult.class)))
    @APIResponse(responseCode = "400", description = "Invalid body or unknown plan", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The tenant is closed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response changePlan(@PathParam("tenantId") UUID tenantId, PlanRequest body) {
        var receipt = gateway.send(new ChangePlan(caller.operatorContext(tenantId), body.plan()));
        return Versions.withReceipt(Response.ok(), receipt).entity(CommandResult.of(receipt)).build();
    }
}
