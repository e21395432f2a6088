package io.tandem.api.admin;

import io.tandem.api.http.Allowed;
import io.tandem.api.queries.QueryCache;
import io.tandem.tenancy.contract.Permission;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** How the query cache is doing on this server: what the benchmark reports as hit ratio. */
@Path("/admin/query-cache")
@Tag(name = "operations")
@Produces(MediaType.APPLICATION_JSON)
public class QueryCacheResource {
    @Inject
    QueryCache cache;

    @GET
    @Allowed(Permission.OPERATE_PLATFORM)
    @Operation(summary = "Query cache statistics of this server (platform operator)",
            description = "Counted since the server started: answers served from the cache (hits), queries run"
                    + " (misses, and bypassed for requests with Cache-Control: no-cache), answers kept (stores),"
                    + " 304 answers to If-None-Match (notModified), and the entries held now.")
    @APIResponse(responseCode = "200", description = "The counters",
            content = @Content(schema = @Schema(implementation = QueryCache.Statistics.class)))
    public QueryCache.Statistics statistics() {
        return cache.statistics();
    }
}
