package io.tandem.api.events;

import io.tandem.api.http.Allowed;
import io.tandem.tenancy.contract.Permission;
import io.tandem.api.http.Caller;
import io.tandem.api.http.Paging;
import io.tandem.api.http.ProblemResponses;
import io.tandem.api.problem.Problem;
import io.tandem.kernel.event.EventFeed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/events")
@Tag(name = "events", description = "The tenant's event stream")
@Produces(MediaType.APPLICATION_JSON)
@ProblemResponses
public class EventResource {
    @Inject
    Caller caller;

    @Inject
    EventFeed feed;

    @Allowed(Permission.READ_EVENTS)
    @GET
    @Operation(summary = "Read the tenant's events after a position",
            description = "In log order. Start with after=0; continue with the page's next.")
    @APIResponse(responseCode = "200", description = "A page of events",
            content = @Content(schema = @Schema(implementation = EventPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid after or limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EventPage read(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        long from = Paging.position("after", after);
        int size = Paging.of(null, limit).limit();
        var items = feed.after(caller.tenantId(), from, size).stream().map(EventView::of).toList();
        return new EventPage(items, items.isEmpty() ? from : items.get(items.size() - 1).position());
    }
}
