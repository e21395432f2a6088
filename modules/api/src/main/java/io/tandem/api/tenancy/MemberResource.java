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
import io.tandem.tenancy.contract.ChangeMemberRole;
import io.tandem.tenancy.contract.FetchMembers;
import io.tandem.tenancy.contract.Permission;
import io.tandem.tenancy.contract.RemoveMember;
import io.tandem.tenancy.readmodel.FetchMembersHandler;
import io.tandem.tenancy.readmodel.MemberListProjection;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/members")
@Tag(name = "tenancy")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MemberResource {
    @Inject
    CommandGateway gateway;

    @Inject
    Caller caller;

    @Inject
    FetchMembersHandler fetchMembers;

    @GET
    @Allowed(Permission.READ_MEMBERS)
    @Operation(summary = "List the tenant's members", description = "Active members, oldest first; from the member-list read model.")
    @APIResponse(responseCode = "200", description = "A page of members",
            content = @Content(schema = @Schema(implementation = MemberPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid offset or limit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ReadsFrom(MemberListProjection.NAME)
    public MemberPage list(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        Paging paging = Paging.of(offset, limit);
        return new MemberPage(fetchMembers.handle(new FetchMembers(paging.offset(), paging.limit())), paging.offset(), paging.limit());
    }

    @PUT
    @Path("/{memberId}/role")
    @Allowed(Permission.MANAGE_MEMBERS)
    @Operation(summary = "Change a member's role",
            description = "Only an owner makes, changes or removes an owner; a tenant keeps at least one owner.")
    @APIResponse(responseCode = "200", description = "Changed",
            content = @Content(schema = @Schema(implementation = CommandResult.class)))
    @APIResponse(responseCode = "400", description = "Invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller may not touch an owner", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such member in this tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The last owner would be demoted", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Idempotent
    public Response changeRole(@PathParam("memberId") UUID memberId, ChangeRoleRequest body) {
        var receipt = gateway.send(new ChangeMemberRole(caller.commandContext(), memberId, body.roleValue(), caller.actor().role()));
        return Versions.withReceipt(Response.ok(), receipt).entity(CommandResult.of(receipt)).build();
    }

    @DELETE
    @Path("/{memberId}")
    @Allowed(Permission.MANAGE_MEMBERS)
    @Operation(summary = "Remove a member", description = "Their API keys are revoked in the same transaction.")
    @APIResponse(responseCode = "200", description = "Removed",
            content = @Content(schema = @Schema(implementation = CommandResult.class)))
    @APIResponse(responseCode = "403", description = "The caller may not remove an owner", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such member in this tenant", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The last owner would be removed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Idempotent
    public Response remove(@PathParam("memberId") UUID memberId) {
        var receipt = gateway.send(new RemoveMember(caller.commandContext(), memberId, caller.actor().role()));
        return Versions.withReceipt(Response.ok(), receipt).entity(CommandResult.of(receipt)).build();
    }
}
