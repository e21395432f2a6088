package io.tandem.api.tenancy;

import io.tandem.api.http.Allowed;
import io.tandem.api.http.Caller;
import io.tandem.api.http.CommandGateway;
import io.tandem.api.http.CommandResult;
import io.tandem.api.http.Idempotent;
import io.tandem.api.http.Paging;
import io.tandem.api.http.ReadsFrom;
import io.tandem.api.http.Versions;
import io.tandem.api.problem.Problem;
import io.tandem.kernel.id.TimeOrderedIds;
import io.tandem.kernel.rejection.RuleViolated;
import io.tandem.tenancy.contract.FetchApiKeys;
import io.tandem.tenancy.contract.IssueApiKey;
import io.tandem.tenancy.contract.Permission;
import io.tandem.tenancy.contract.RevokeApiKey;
import io.tandem.tenancy.credentials.ApiKeySecret;
import io.tandem.tenancy.readmodel.ApiKeyListProjection;
import io.tandem.tenancy.readmodel.FetchApiKeysHandler;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api-keys")
@Tag(name = "tenancy")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApiKeyResource {
    @Inject
    CommandGateway gateway;

    @Inject
    Caller caller;

    @Inject
    ApiKeySecret secrets;

    @Inject
    FetchApiKeysHandler fetchApiKeys;

    @GET
    @Allowed(Permission.MANAGE_API_KEYS)
    @Operation(summary = "List the tenant's API keys", description = "Prefix and metadata only, newest first; revoked keys included.")
    @APIResponse(responseCode = "200", description = "A page of keys",
            content = @Content(schema = @Schema(implementation = ApiKeyPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid offset or limit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ReadsFrom(ApiKeyListProjection.NAME)
    public ApiKeyPage list(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        Paging paging = Paging.of(offset, limit);
        return new ApiKeyPage(fetchApiKeys.handle(new FetchApiKeys(paging.offset(), paging.limit())), paging.offset(), paging.limit());
    }

    @POST
    @Allowed(Permission.MANAGE_API_KEYS)
    @Operation(summary = "Issue an API key",
            description = "The key acts as the caller's member with the given role (no higher than the caller's) until it is"
                    + " revoked or expires. The key itself is in this response only.")
    @APIResponse(responseCode = "201", description = "Issued",
            content = @Content(schema = @Schema(implementation = ApiKeyResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The role exceeds the caller's", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The caller is not a member (a JWT subject cannot own keys)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response issue(ApiKeyRequest body) {
        UUID memberId = caller.actor().member()
                .orElseThrow(() -> new RuleViolated("Authorization", "API keys act as members; sign in with a member's key"));
        UUID keyId = TimeOrderedIds.next();
        ApiKeySecret.Issued key = secrets.generate();
        var receipt = gateway.send(new IssueApiKey(caller.commandContext(), keyId, memberId, body.name(), body.roleValue(),
                body.expiresAt(), key.prefix(), key.hash(), caller.actor().role()));
        return Versions.withReceipt(Response.created(URI.create("api-keys/" + keyId)), receipt)
                .entity(new ApiKeyResponse(keyId, key.key(), key.prefix(), body.name(), body.role(), body.expiresAt(),
                        receipt.position()))
                .build();
    }

    @DELETE
    @Path("/{apiKeyId}")
    @Allowed(Permission.MANAGE_API_KEYS)
    @Operation(summary = "Revoke an API key", description = "The key stops working when this returns.")
    @APIResponse(responseCode = "200", description = "Revoked",
            content = @Content(schema = @Schema(implementation = CommandResult.class)))
    @APIResponse(responseCode = "404", description = "No such key in this tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already revoked", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Idempotent
    public Response revoke(@PathParam("apiKeyId") UUID apiKeyId) {
        var receipt = gateway.send(new RevokeApiKey(caller.commandContext(), apiKeyId));
        return Versions.withReceipt(Response.ok(), receipt).entity(CommandResult.of(receipt)).build();
    }
}
