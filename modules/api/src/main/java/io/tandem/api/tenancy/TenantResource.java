package io.tandem.api.tenancy;

import io.tandem.api.http.Allowed;
import io.tandem.api.http.Anonymous;
import io.tandem.api.http.Caller;
import io.tandem.api.http.CommandGateway;
import io.tandem.api.http.CommandResult;
import io.tandem.api.http.Idempotent;
import io.tandem.api.http.ReadsFrom;
import io.tandem.api.http.Versions;
import io.tandem.api.problem.Problem;
import io.tandem.kernel.id.TimeOrderedIds;
import io.tandem.kernel.rejection.NotFound;
import io.tandem.kernel.tenant.TenantClosures;
import io.tandem.tenancy.contract.CloseTenant;
import io.tandem.tenancy.contract.FetchTenant;
import io.tandem.tenancy.contract.Permission;
import io.tandem.tenancy.contract.RenameTenant;
import io.tandem.tenancy.contract.SignUpTenant;
import io.tandem.tenancy.contract.TenantView;
import io.tandem.tenancy.credentials.ApiKeySecret;
import io.tandem.tenancy.readmodel.FetchTenantHandler;
import io.tandem.tenancy.readmodel.TenantDirectoryProjection;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/tenants")
@Tag(name = "tenancy")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TenantResource {
    @Inject
    CommandGateway gateway;

    @Inject
    Caller caller;

    @Inject
    FetchTenantHandler fetchTenant;

    @Inject
    TenantClosures closures;

    @Inject
    ApiKeySecret secrets;

    @POST
    @Anonymous
    @SecurityRequirements
    @Operation(summary = "Sign up a tenant",
            description = "Creates the tenant, its owner and the owner's API key. The key is in this response only.")
    @APIResponse(responseCode = "201", description = "Tenant created",
            content = @Content(schema = @Schema(implementation = SignUpResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response signUp(SignUpRequest body) {
        UUID tenantId = TimeOrderedIds.next();
        UUID memberId = TimeOrderedIds.next();
        UUID keyId = TimeOrderedIds.next();
        ApiKeySecret.Issued key = secrets.generate();
        var receipt = gateway.send(new SignUpTenant(caller.commandContext(tenantId, "signup:" + body.adminEmail()),
                body.name(), body.adminEmail(), memberId, keyId, key.prefix(), key.hash()));
        return Versions.withReceipt(Response.created(URI.create("tenants/" + tenantId)), receipt)
                .entity(new SignUpResponse(tenantId, memberId, keyId, key.key(), receipt.position()))
                .build();
    }

    @GET
    @Path("/{tenantId}")
    @Allowed(Permission.READ_TENANT)
    @Operation(summary = "Fetch the caller's tenant")
    @APIResponse(responseCode = "200", description = "The tenant",
            content = @Content(schema = @Schema(implementation = TenantView.class)))
    @APIResponse(responseCode = "404", description = "No such tenant for this credential",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ReadsFrom(TenantDirectoryProjection.NAME)
    public TenantView fetch(@PathParam("tenantId") UUID tenantId) {
        return fetchTenant.handle(new FetchTenant(own(tenantId)));
    }

    @POST
    @Path("/{tenantId}/rename")
    @Allowed(Permission.RENAME_TENANT)
    @Operation(summary = "Rename the caller's tenant")
    @APIResponse(responseCode = "200", description = "Renamed",
            content = @Content(schema = @Schema(implementation = CommandResult.class)))
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such tenant for this credential",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Idempotent
    public Response rename(@PathParam("tenantId") UUID tenantId, RenameTenantRequest body) {
        own(tenantId);
        var receipt = gateway.send(new RenameTenant(caller.commandContext(), body.name()));
        return Versions.withReceipt(Response.ok(), receipt).entity(CommandResult.of(receipt)).build();
    }

    @GET
    @Path("/{tenantId}/export")
    @Allowed(Permission.EXPORT_AND_CLOSE_TENANT)
    @Operation(summary = "Export the caller's tenant",
            description = "Every event of the tenant (in its current schema) and every read-model row, as one JSON document.")
    @APIResponse(responseCode = "200", description = "The export",
            content = @Content(schema = @Schema(implementation = TenantExport.class)))
    @APIResponse(responseCode = "404", description = "No such tenant for this credential",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public JsonObject export(@PathParam("tenantId") UUID tenantId) {
        return closures.export(own(tenantId));
    }

    @POST
    @Path("/{tenantId}/close")
    @Allowed(Permission.EXPORT_AND_CLOSE_TENANT)
    @Operation(summary = "Close the caller's tenant",
            description = "Exports the tenant and erases it in one transaction; the export is this response, and the only"
                    + " copy left. Every credential of the tenant stops working. confirmName must repeat the tenant's name.")
    @APIResponse(responseCode = "200", description = "Closed; the body is the export",
            content = @Content(schema = @Schema(implementation = TenantExport.class)))
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such tenant for this credential",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "confirmName is not the tenant's name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response close(@PathParam("tenantId") UUID tenantId, CloseTenantRequest body) {
        own(tenantId);
        AtomicReference<JsonObject> export = new AtomicReference<>();
        var receipt = gateway.send(new CloseTenant(caller.commandContext(), body.confirmName(), export));
        return Versions.withReceipt(Response.ok(), receipt).entity(export.get()).build();
    }

    /** A tenant id in a path must be the caller's own; anything else is a 404, as if it did not exist. */
    private UUID own(UUID tenantId) {
        if (!tenantId.equals(caller.tenantId())) {
            throw new NotFound("tenantId", "tenant", tenantId);
        }
        return tenantId;
    }
}
