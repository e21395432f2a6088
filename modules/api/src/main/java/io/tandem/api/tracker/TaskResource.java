package io.tandem.api.tracker;

import io.tandem.api.http.Allowed;
import io.tandem.tenancy.contract.Permission;
import io.tandem.api.http.Caller;
import io.tandem.api.http.CommandGateway;
import io.tandem.api.http.CommandResult;
import io.tandem.api.http.Idempotent;
import io.tandem.api.http.ProblemResponses;
import io.tandem.api.http.ReadsFrom;
import io.tandem.api.http.Versions;
import io.tandem.api.problem.Problem;
import io.tandem.tracker.contract.FetchTask;
import io.tandem.tracker.contract.MoveTask;
import io.tandem.tracker.contract.TaskView;
import io.tandem.tracker.readmodel.FetchTaskHandler;
import io.tandem.tracker.readmodel.TaskBoardProjection;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/tasks")
@Tag(name = "tracker")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@ProblemResponses
public class TaskResource {
    @Inject
    CommandGateway gateway;

    @Inject
    Caller caller;

    @Inject
    FetchTaskHandler fetchTask;

    @Allowed(Permission.READ_WORK)
    @GET
    @Path("/{taskId}")
    @Operation(summary = "Fetch a task")
    @APIResponse(responseCode = "200", description = "The task; ETag is its version",
            content = @Content(schema = @Schema(implementation = TaskView.class)))
    @APIResponse(responseCode = "404", description = "No such task in this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ReadsFrom(value = TaskBoardProjection.NAME, oneRow = true)
    public Response fetch(@PathParam("taskId") UUID taskId) {
        TaskView view = fetchTask.handle(new FetchTask(caller.tenantId(), taskId));
        return Response.ok(view).tag(new EntityTag(Long.toString(view.version()))).build();
    }

    @Allowed(Permission.WRITE_WORK)
    @POST
    @Path("/{taskId}/move")
    @Operation(summary = "Move a task to another status",
            description = "todo -> in_progress -> done; in_progress -> todo; done -> in_progress. Requires If-Match.")
    @APIResponse(responseCode = "200", description = "Moved; ETag is the new version",
            headers = {@Header(name = "ETag"), @Header(name = Versions.POSITION_HEADER)},
            content = @Content(schema = @Schema(implementation = CommandResult.class)))
    @APIResponse(responseCode = "400", description = "Invalid body, unknown status or malformed If-Match",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such task in this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The transition is not allowed from the current status",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is not the task's current version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match is missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Idempotent
    public Response move(
            @PathParam("taskId") UUID taskId,
            @Parameter(in = ParameterIn.HEADER, name = "If-Match", required = true, description = "The task's ETag")
                    @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            MoveTaskRequest body) {
        long expected = Versions.expected(ifMatch);
        var receipt = gateway.send(new MoveTask(caller.commandContext(), taskId, body.status(), expected));
        return Versions.withReceipt(Response.ok(), receipt).entity(CommandResult.of(receipt)).build();
    }
}
