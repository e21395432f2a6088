package io.tandem.api.tenancy;

import io.tandem.api.http.Allowed;
import io.tandem.api.http.Caller;
import io.tandem.api.http.Paging;
import io.tandem.api.http.ReadsFrom;
import io.tandem.api.problem.Problem;
import io.tandem.tenancy.contract.AuditEntryView;
import io.tandem.tenancy.contract.FetchAuditLog;
import io.tandem.tenancy.contract.Permission;
import io.tandem.tenancy.readmodel.AuditLogProjection;
import io.tandem.tenancy.readmodel.FetchAuditLogHandler;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/audit")
@Tag(name = "tenancy")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    @Inject
    Caller caller;

    @Inject
    FetchAuditLogHandler fetchAuditLog;

    @GET
    @Allowed(Permission.READ_AUDIT_LOG)
    @Operation(summary = "Read the tenant's audit log",
            description = "Every command with its actor, time and outcome (accepted or refused), newest first.")
    @APIResponse(responseCode = "200", description = "A page of the log",
            content = @Content(schema = @Schema(implementation = AuditPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid before or limit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ReadsFrom(AuditLogProjection.NAME)
    public AuditPage read(@QueryParam("before") String before, @QueryParam("limit") String limit) {
        long from = Paging.position("before", before);
        int size = Paging.of(null, limit).limit();
        List<AuditEntryView> items = fetchAuditLog.handle(new FetchAuditLog(from, size));
        long next = items.size() < size ? 0 : items.get(items.size() - 1).position();
        return new AuditPage(items, next);
    }
}
