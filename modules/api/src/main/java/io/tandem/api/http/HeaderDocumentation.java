package io.tandem.api.http;

import io.tandem.api.problem.Problem;
import io.tandem.api.tenancy.TenantResource;
import io.tandem.api.tracker.ProjectResource;
import io.tandem.api.tracker.TaskResource;
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
 * cannot drift from what {@link MinPositionFilter} and {@link IdempotencyFilter} do. Operation ids
 * follow the CLASS_METHOD strategy set in microprofile-config.properties.
 */
public class HeaderDocumentation implements OASFilter {
    static final List<Class<?>> RESOURCES = List.of(TenantResource.class, ProjectResource.class, TaskResource.class);

    private final Set<String> queries = new HashSet<>();
    private final Set<String> idempotentCommands = new HashSet<>();

    public HeaderDocumentation() {
        for (Class<?> resource : RESOURCES) {
            for (Method m : resource.getDeclaredMethods()) {
                if (m.isAnnotationPresent(ReadsFrom.class)) {
                    queries.add(resource.getSimpleName() + "_" + m.getName());
                }
                if (m.isAnnotationPresent(Idempotent.class)) {
                    idempotentCommands.add(resource.getSimpleName() + "_" + m.getName());
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
        if (!queries.contains(operation.getOperationId())) {
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
