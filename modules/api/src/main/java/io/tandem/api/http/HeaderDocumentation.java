package io.tandem.api.http;

import io.tandem.api.admin.ProjectionAdminResource;
import io.tandem.api.admin.QueryCacheResource;
import io.tandem.api.admin.TenantAdminResource;
import io.tandem.api.events.EventResource;
import io.tandem.api.limits.RateLimitFilter;
import io.tandem.api.problem.Problem;
import io.tandem.api.queries.ConditionalQueryFilter;
import io.tandem.api.tenancy.ApiKeyResource;
import io.tandem.api.tenancy.AuditResource;
import io.tandem.api.tenancy.InvitationResource;
import io.tandem.api.tenancy.MemberResource;
import io.tandem.api.tenancy.TenantResource;
import io.tandem.api.tracker.ProjectResource;
import io.tandem.api.tracker.TaskResource;
import io.tandem.tenancy.contract.Permission;
import io.tandem.tenancy.contract.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * Documents the headers that filters, not resource methods, implement: {@code Tandem-Min-Position}
 * (and its 503) on exactly the operations annotated {@link ReadsFrom}, {@code Idempotency-Key}
 * (and its 409 and 422) on exactly those annotated {@link Idempotent}. So the OpenAPI document
 * cannot drift from what {@link MinPositionFilter} and {@link IdempotencyFilter} do. It also writes
 * the role matrix into the document: every operation gets {@code x-tandem-roles} (who may call it,
 * from {@link Allowed} and {@link Permission}) and the answers of the filters every authenticated
 * operation passes (401, 403, 429 with Retry-After). Operation ids follow the CLASS_METHOD strategy
 * set in microprofile-config.properties.
 */
public class HeaderDocumentation implements OASFilter {
    /** Every resource class; ResourceCoverageTest checks that none is missing. */
    public static final List<Class<?>> RESOURCES = List.of(TenantResource.class, MemberResource.class,
            InvitationResource.class, ApiKeyResource.class, AuditResource.class, ProjectResource.class, TaskResource.class,
            EventResource.class, ProjectionAdminResource.class, TenantAdminResource.class,
            QueryCacheResource.class);
    public static final String ROLES_EXTENSION = "x-tandem-roles";

    private final Set<String> queries = new HashSet<>();
    private final Set<String> tenantQueries = new HashSet<>();
    private final Set<String> idempotentCommands = new HashSet<>();
    private final Map<String, List<String>> roles = new HashMap<>();

    public HeaderDocumentation() {
        for (Class<?> resource : RESOURCES) {
            for (Method m : resource.getDeclaredMethods()) {
                if (m.isAnnotationPresent(ReadsFrom.class)) {
                    queries.add(resource.getSimpleName() + "_" + m.getName());
                    if (!m.getAnnotation(ReadsFrom.class).allTenants()) {
                        tenantQueries.add(resource.getSimpleName() + "_" + m.getName());
                    }
                }
                if (m.isAnnotationPresent(Idempotent.class)) {
                    idempotentCommands.add(resource.getSimpleName() + "_" + m.getName());
                }
                if (m.isAnnotationPresent(Anonymous.class)) {
                    roles.put(resource.getSimpleName() + "_" + m.getName(), List.of("anonymous"));
                } else if (m.isAnnotationPresent(Allowed.class)) {
                    roles.put(resource.getSimpleName() + "_" + m.getName(), whoHolds(m.getAnnotation(Allowed.class).value()));
                }
            }
        }
    }

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getOperationId() == null) {
            return operation;
        }
        if (idempotentCommands.contains(operation.getOperationId())) {
            documentIdempotencyKey(operation);
        }
        List<String> who = roles.get(operation.getOperationId());
        if (who != null) {
            operation.addExtension(ROLES_EXTENSION, who);
            if (!who.contains("anonymous")) {
                documentAccessRefusals(operation);
            }
            documentHttpRefusals(operation);
            if (operation.getResponses().getAPIResponse("500") == null) {
                operation.getResponses().addAPIResponse("500", OASFactory.createAPIResponse()
                        .description("Unexpected failure; the body carries a log reference only")
                        .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref("Problem")))));
            }
        }
        if (!queries.contains(operation.getOperationId())) {
            return operation;
        }
        documentConditionalGet(operation);
        if (!tenantQueries.contains(operation.getOperationId())) {
            return operation;
        }
        operation.addParameter(OASFactory.createParameter()
                .name(MinPositionFilter.HEADER)
                .in(Parameter.In.HEADER)
                .required(false)
                .description("Read your writes: answer only once the read model has applied this tenant's events up to"
                        + " this position (the Tandem-Position a write returned). Waits at most 2 s by default.")
                .schema(OASFactory.createSchema().addType(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.INTEGER)
                        .format("int64").minimum(java.math.BigDecimal.ZERO)));
        operation.getResponses().addAPIResponse("503", OASFactory.createAPIResponse()
                .description("The read model has not reached Tandem-Min-Position within the bound; retry after Retry-After")
                .addHeader("Retry-After", OASFactory.createHeader().schema(OASFactory.createSchema()
                        .addType(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.INTEGER)))
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref("Problem")))));
        return operation;
    }

    /** Every query answers with an ETag and takes If-None-Match (ConditionalQueryFilter). */
    private static void documentConditionalGet(Operation operation) {
        var string = OASFactory.createSchema().addType(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.STRING);
        operation.addParameter(OASFactory.createParameter()
                .name("If-None-Match")
                .in(Parameter.In.HEADER)
                .required(false)
                .description("The ETag of an answer the client holds: 304 without a body if it is still current, decided"
                        + " without running the query when the read model has not changed since.")
                .schema(string));
        operation.addParameter(OASFactory.createParameter()
                .name("Cache-Control")
                .in(Parameter.In.HEADER)
                .required(false)
                .description("no-cache: answer from the read model, not from the server's query cache.")
                .schema(string));
        var ok = operation.getResponses().getAPIResponse("200");
        if (ok != null) {
            if (ok.getHeaders() == null || !ok.getHeaders().containsKey("ETag")) {
                ok.addHeader("ETag", OASFactory.createHeader().description("The version of this answer").schema(string));
            }
            ok.addHeader("Cache-Control", OASFactory.createHeader().description(ConditionalQueryFilter.CACHE_CONTROL).schema(string));
        }
        operation.getResponses().addAPIResponse("304", OASFactory.createAPIResponse()
                .description("Not modified: the answer named by If-None-Match is still current")
                .addHeader("ETag", OASFactory.createHeader().schema(string)));
    }

    /** Who holds a permission, in the matrix's order: the roles, then the operator. */
    public static List<String> whoHolds(Permission permission) {
        List<String> who = new ArrayList<>();
        for (Role role : Role.values()) {
            if (permission.grantedTo(role)) {
                who.add(role.wire());
            }
        }
        if (permission.grantedToOperator()) {
            who.add("operator");
        }
        return who;
    }

    /** What any operation can answer before its own code runs: malformed or unacceptable headers and bodies. */
    private static void documentHttpRefusals(Operation operation) {
        var problem = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("Problem")));
        if (operation.getResponses().getAPIResponse("400") == null) {
            operation.getResponses().addAPIResponse("400", OASFactory.createAPIResponse()
                    .description("A malformed header or parameter (Content-Type, Accept, Idempotency-Key, Tandem-Min-Position)")
                    .content(problem));
        }
        operation.getResponses().addAPIResponse("406", OASFactory.createAPIResponse()
                .description("Accept does not allow application/json").content(problem));
        operation.getResponses().addAPIResponse("415", OASFactory.createAPIResponse()
                .description("The request's Content-Type is not application/json").content(problem));
    }

    private static void documentAccessRefusals(Operation operation) {
        var problem = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("Problem")));
        operation.getResponses().addAPIResponse("401", OASFactory.createAPIResponse()
                .description("No valid credential (API key or JWT); WWW-Authenticate is set")
                .addHeader("WWW-Authenticate", OASFactory.createHeader().schema(OASFactory.createSchema()
                        .addType(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.STRING)))
                .content(problem));
        if (operation.getResponses().getAPIResponse("403") == null) {
            operation.getResponses().addAPIResponse("403", OASFactory.createAPIResponse()
                    .description("The caller's role may not do this (see x-tandem-roles)").content(problem));
        }
        operation.getResponses().addAPIResponse("429", OASFactory.createAPIResponse()
                .description("The tenant is above its plan's rate limit; retry after Retry-After seconds")
                .addHeader(RateLimitFilter.RETRY_AFTER, OASFactory.createHeader().schema(OASFactory.createSchema()
                        .addType(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.INTEGER)))
                .content(problem));
    }

    private static void documentIdempotencyKey(Operation operation) {
        operation.addParameter(OASFactory.createParameter()
                .name(IdempotencyFilter.HEADER)
                .in(Parameter.In.HEADER)
                .required(false)
                .description("A key unique to this request (1-255 printable ASCII characters), kept 24 h per tenant."
                        + " A retry with the same key and request returns the first answer without executing again"
                        + " (marked Idempotent-Replayed: true).")
                .schema(OASFactory.createSchema().addType(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.STRING)
                        .minLength(1).maxLength(255)));
        var problem = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("Problem")));
        if (operation.getResponses().getAPIResponse("409") == null) {
            operation.getResponses().addAPIResponse("409", OASFactory.createAPIResponse()
                    .description("A request with the same Idempotency-Key is still in flight").content(problem));
        }
        operation.getResponses().addAPIResponse("422", OASFactory.createAPIResponse()
                .description("The Idempotency-Key was used before for a different request").content(problem));
    }
}
