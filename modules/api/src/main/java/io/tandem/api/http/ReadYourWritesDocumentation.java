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
 * Documents {@code Tandem-Min-Position} and its 503 on exactly the operations annotated
 * {@link ReadsFrom}, so the OpenAPI document cannot drift from what {@link MinPositionFilter} does.
 * Operation ids follow the CLASS_METHOD strategy set in microprofile-config.properties.
 */
public class ReadYourWritesDocumentation implements OASFilter {
    static final List<Class<?>> RESOURCES = List.of(TenantResource.class, ProjectResource.class, TaskResource.class);

    private final Set<String> operationIds = new HashSet<>();

    public ReadYourWritesDocumentation() {
        for (Class<?> resource : RESOURCES) {
            for (Method m : resource.getDeclaredMethods()) {
                if (m.isAnnotationPresent(ReadsFrom.class)) {
                    operationIds.add(resource.getSimpleName() + "_" + m.getName());
                }
            }
        }
    }

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getOperationId() == null || !operationIds.contains(operation.getOperationId())) {
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
}
