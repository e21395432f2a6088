package io.tandem.api.tenancy;

import io.tandem.api.http.Anonymous;
import io.tandem.api.http.Caller;
import io.tandem.api.http.CommandGateway;
import io.tandem.api.http.ReadsFrom;
import io.tandem.api.http.Versions;
import io.tandem.api.problem.Problem;
import io.tandem.kernel.rejection.NotFound;
import io.tandem.tenancy.contract.FetchTenant;
import io.tandem.tenancy.contract.SignUpTenant;
import io.tandem.tenancy.contract.TenantView;
import io.tandem.tenancy.credentials.ApiKeySecret;
import io.tandem.tenancy.readmodel.FetchTenantHandler;
import io.tandem.tenancy.readmodel.TenantDirectoryProjection;
import jakarta.inject.Inject;
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
        UUID tenantId = UUID.randomUUID();
        UUID memberId = UUID.randomUUID();
        UUID keyId = UUID.randomUUID();
        ApiKeySecret.Issued key = ApiKeySecret.generate();
        var receipt = gateway.send(new SignUpTenant(caller.commandContext(tenantId, "signup:" + body.adminEmail()),
                body.name(), body.adminEmail(), memberId, keyId, key.prefix(), key.hash()));
        return Versions.withReceipt(Response.created(URI.create("tenants/" + tenantId)), receipt)
                .entity(new SignUpResponse(tenantId, memberId, keyId, key.key(), receipt.position()))
                .build();
    }

    @GET
    @Path("/{tenantId}")
    @Operation(summary = "Fetch the caller's tenant")
    @APIResponse(responseCode = "401", description = "No valid API key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "200", description = "The tenant",
            content = @Content(schema = @Schema(implementation = TenantView.class)))
    @APIResponse(responseCode = "404", description = "No such tenant for this key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ReadsFrom(TenantDirectoryProjection.NAME)
    public TenantView fetch(@PathParam("tenantId") UUID tenantId) {
        if (!tenantId.equals(caller.tenantId())) {
            throw new NotFound("tenantId", "tenant", tenantId);
        }
        return fetchTenant.handle(new FetchTenant(tenantId));
    }
}
