package io.tandem.api.tracker;

import io.tandem.api.http.Allowed;
import io.tandem.api.http.Caller;
import io.tandem.api.http.CommandGateway;
import io.tandem.api.http.CommandResult;
import io.tandem.api.http.Idempotent;
import io.tandem.api.http.Paging;
import io.tandem.api.http.ProblemResponses;
import io.tandem.api.http.ReadsFrom;
import io.tandem.api.http.Versions;
import io.tandem.api.problem.Problem;
import io.tandem.kernel.id.TimeOrderedIds;
import io.tandem.tenancy.contract.Permission;
import io.tandem.tracker.contract.BoardView;
import io.tandem.tracker.contract.CreateProject;
import io.tandem.tracker.contract.CreateTask;
import io.tandem.tracker.contract.FetchBoard;
import io.tandem.tracker.contract.FetchProject;
import io.tandem.tracker.contract.FetchProjects;
import io.tandem.tracker.contract.ProjectView;
import io.tandem.tracker.readmodel.FetchBoardHandler;
import io.tandem.tracker.readmodel.FetchProjectHandler;
import io.tandem.tracker.readmodel.FetchProjectsHandler;
import io.tandem.tracker.readmodel.ProjectListProjection;
import io.tandem.tracker.readmodel.TaskBoardProjection;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/projects")
@Tag(name = "tracker")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@ProblemResponses
public class ProjectResource {
    @Inject
    CommandGateway gateway;

    @Inject
    Caller caller;

    @Inject
    FetchProjectsHandler fetchProjects;

    @Inject
    FetchProjectHandler fetchProject;

    @Inject
    FetchBoardHandler fetchBoard;

    @Allowed(Permission.WRITE_WORK)
    @POST
    @Operation(summary = "Create a project")
    @APIResponse(responseCode = "201", description = "Created; Location, ETag and Tandem-Position are set",
            headers = {@Header(name = "Location"), @Header(name = "ETag"), @Header(name = Versions.POSITION_HEADER)},
            content = @Content(schema = @Schema(implementation = CommandResult.class)))
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The key is taken in this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Idempotent
    public Response create(CreateProjectRequest body) {
        UUID projectId = TimeOrderedIds.next();
        var receipt = gateway.send(new CreateProject(caller.commandContext(), projectId, body.key(), body.name()));
        return Versions.withReceipt(Response.created(URI.create("projects/" + receipt.aggregateId())), receipt)
                .entity(CommandResult.of(receipt))
                .build();
    }

    @Allowed(Permission.READ_WORK)
    @GET
    @Operation(summary = "List the tenant's projects", description = "Ordered by key; served from the project_list read model.")
    @APIResponse(responseCode = "200", description = "A page of projects",
            content = @Content(schema = @Schema(implementation = ProjectPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid offset or limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ReadsFrom(ProjectListProjection.NAME)
    public ProjectPage list(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        Paging paging = Paging.of(offset, limit);
        return new ProjectPage(
                fetchProjects.handle(new FetchProjects(caller.tenantId(), paging.offset(), paging.limit())),
                paging.offset(), paging.limit());
    }

    @Allowed(Permission.READ_WORK)
    @GET
    @Path("/{projectId}")
    @Operation(summary = "Fetch a project")
    @APIResponse(responseCode = "200", description = "The project; ETag is its version",
            content = @Content(schema = @Schema(implementation = ProjectView.class)))
    @APIResponse(responseCode = "404", description = "No such project in this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ReadsFrom(value = ProjectListProjection.NAME, oneRow = true)
    public Response fetch(@PathParam("projectId") UUID projectId) {
        ProjectView view = fetchProject.handle(new FetchProject(caller.tenantId(), projectId));
        return Response.ok(view).tag(new EntityTag(Long.toString(view.version()))).build();
    }

    @Allowed(Permission.READ_WORK)
    @GET
    @Path("/{projectId}/board")
    @Operation(summary = "Fetch a project's board", description = "Tasks grouped by status, with counts per status.")
    @APIResponse(responseCode = "200", description = "The board",
            content = @Content(schema = @Schema(implementation = BoardView.class)))
    @APIResponse(responseCode = "404", description = "No such project in this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ReadsFrom({ProjectListProjection.NAME, TaskBoardProjection.NAME})
    public BoardView board(@PathParam("projectId") UUID projectId) {
        return fetchBoard.handle(new FetchBoard(caller.tenantId(), projectId));
    }

    @Allowed(Permission.WRITE_WORK)
    @POST
    @Path("/{projectId}/tasks")
    @Operation(summary = "Create a task in a project", description = "The task starts in todo.")
    @APIResponse(responseCode = "201", description = "Created; Location is /api/tasks/{id}",
            headers = {@Header(name = "Location"), @Header(name = "ETag"), @Header(name = Versions.POSITION_HEADER)},
            content = @Content(schema = @Schema(implementation = CommandResult.class)))
    @APIResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such project in this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Idempotent
    public Response createTask(@PathParam("projectId") UUID projectId, CreateTaskRequest body) {
        UUID taskId = TimeOrderedIds.next();
        var receipt = gateway.send(
                new CreateTask(caller.commandContext(), taskId, projectId, body.title(), body.description(), body.priority()));
        return Versions.withReceipt(Response.created(URI.create("tasks/" + receipt.aggregateId())), receipt)
                .entity(CommandResult.of(receipt))
                .build();
    }
}
