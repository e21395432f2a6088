package io.tandem.api.tenancy;

import io.tandem.api.http.Allowed;
import io.tandem.api.http.Anonymous;
import io.tandem.api.http.Caller;
import io.tandem.api.http.CommandGateway;
import io.tandem.api.http.Versions;
import io.tandem.api.problem.Problem;
import io.tandem.kernel.id.TimeOrderedIds;
import io.tandem.kernel.rejection.NotFound;
import io.tandem.tenancy.contract.AcceptInvitation;
import io.tandem.tenancy.contract.InviteMember;
import io.tandem.tenancy.contract.Permission;
import io.tandem.tenancy.credentials.ApiKeySecret;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Invitations: there is no mail server, so the API returns the token and the inviter passes it on.
 * Accepting needs no credential: the token is one (256 random bits, single use, 7 days).
 */
@Path("/invitations")
@Tag(name = "tenancy")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InvitationResource {
    static final Duration VALIDITY = Duration.ofDays(7);

    @Inject
    CommandGateway gateway;

    @Inject
    Caller caller;

    @Inject
    ApiKeySecret secrets;

    @POST
    @Allowed(Permission.MANAGE_MEMBERS)
    @Operation(summary = "Invite someone to the tenant",
            description = "Returns the invitation token (shown once). The role may not exceed the inviter's.")
    @APIResponse(responseCode = "201", description = "Invited",
            content = @Content(schema = @Schema(implementation = InvitationResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The role exceeds the inviter's", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already a member", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response invite(InvitationRequest body) {
        UUID invitationId = TimeOrderedIds.next();
        ApiKeySecret.Issued token = secrets.invitationToken(caller.tenantId());
        Instant expiresAt = Instant.now().plus(VALIDITY).truncatedTo(ChronoUnit.SECONDS);
        var receipt = gateway.send(new InviteMember(caller.commandContext(), invitationId, body.email(), body.roleValue(),
                token.hash(), expiresAt, caller.actor().role()));
        return Versions.withReceipt(Response.created(URI.create("invitations/" + invitationId)), receipt)
                .entity(new InvitationResponse(invitationId, token.key(), expiresAt, receipt.position()))
                .build();
    }

    @POST
    @Path("/accept")
    @Anonymous
    @SecurityRequirements
    @Operation(summary = "Accept an invitation",
            description = "Makes the invitee a member with the invited role and returns their first API key (shown once).")
    @APIResponse(responseCode = "201", description = "Joined",
            content = @Content(schema = @Schema(implementation = AcceptInvitationResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No invitation for this token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The invitation was used or has expired", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response accept(AcceptInvitationRequest body) {
        UUID tenantId = ApiKeySecret.tenantOfToken(body.token())
                .orElseThrow(() -> new NotFound("token", "invitation", "for this token"));
        UUID memberId = TimeOrderedIds.next();
        UUID keyId = TimeOrderedIds.next();
        ApiKeySecret.Issued key = secrets.generate();
        var receipt = gateway.send(new AcceptInvitation(caller.commandContext(tenantId, "invitation"),
                secrets.hash(body.token()), memberId, keyId, key.prefix(), key.hash()));
        return Versions.withReceipt(Response.created(URI.create("members/" + receipt.aggregateId())), receipt)
                .entity(new AcceptInvitationResponse(tenantId, receipt.aggregateId(), keyId, key.key(), receipt.position()))
                .build();
    }
}
