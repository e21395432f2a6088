package io.tandem.it.attack;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The OpenAPI document the server serves at {@code /openapi}, parsed with swagger-parser: the attack
 * suite's list of operations. Nothing in the suite lists operations by hand, so an endpoint that
 * appears in the document is attacked without editing a test.
 */
final class ServedApi {
    /** Who may call an operation, as the document declares it in this extension. */
    static final String ROLES_EXTENSION = "x-tandem-roles";

    private static ServedApi served;

    final OpenAPI model;
    final JsonNode raw;
    final List<Endpoint> endpoints;

    private ServedApi(String json) {
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        var result = new OpenAPIV3Parser().readContents(json, null, options);
        if (result.getOpenAPI() == null) {
            throw new IllegalStateException("/openapi did not parse: " + result.getMessages());
        }
        this.model = result.getOpenAPI();
        this.raw = Wire.parse(json);
        List<Endpoint> all = new ArrayList<>();
        model.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) ->
                all.add(endpoint(method.name(), path, item, op))));
        all.sort(Comparator.comparing(Endpoint::path).thenComparing(Endpoint::method));
        this.endpoints = List.copyOf(all);
    }

    /** The document as the server serves it now (fetched once per test JVM: it does not change while it runs). */
    static synchronized ServedApi get() {
        if (served == null) {
            var reply = Wire.send(Wire.get("/openapi").query("format", "JSON").header("Accept", "application/json"));
            if (reply.status() != 200) {
                throw new IllegalStateException("GET /openapi?format=JSON answered " + reply.describe());
            }
            served = new ServedApi(reply.body());
        }
        return served;
    }

    private Endpoint endpoint(String method, String path, PathItem item, Operation op) {
        Map<String, Parameter> params = new LinkedHashMap<>();
        for (List<Parameter> list : java.util.Arrays.asList(item.getParameters(), op.getParameters())) {
            if (list != null) {
                for (Parameter p : list) {
                    Parameter resolved = resolveParameter(p);
                    params.put(resolved.getIn() + ":" + resolved.getName(), resolved);
                }
            }
        }
        Schema<?> body = null;
        String bodyType = null;
        boolean bodyRequired = false;
        if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
            var content = op.getRequestBody().getContent();
            bodyType = content.containsKey("application/json") ? "application/json" : content.keySet().iterator().next();
            MediaType media = content.get(bodyType);
            body = media == null ? null : media.getSchema();
            bodyRequired = Boolean.TRUE.equals(op.getRequestBody().getRequired());
        }
        List<String> roles = null;
        if (op.getExtensions() != null && op.getExtensions().get(ROLES_EXTENSION) instanceof Collection<?> declared) {
            roles = declared.stream().map(Object::toString).map(s -> s.toLowerCase(Locale.ROOT)).sorted().toList();
        }
        return new Endpoint(method.toUpperCase(Locale.ROOT), path, op.getOperationId(), op, List.copyOf(params.values()),
                body, bodyType, bodyRequired, roles);
    }

    private Parameter resolveParameter(Parameter p) {
        if (p.get$ref() == null) {
            return p;
        }
        String name = p.get$ref().substring(p.get$ref().lastIndexOf('/') + 1);
        return model.getComponents().getParameters().get(name);
    }

    /** A schema with its {@code $ref} followed (repeatedly); null stays null. */
    Schema<?> resolve(Schema<?> schema) {
        Schema<?> s = schema;
        for (int depth = 0; s != null && s.get$ref() != null && depth < 20; depth++) {
            String ref = s.get$ref();
            String name = ref.substring(ref.lastIndexOf('/') + 1);
            s = model.getComponents().getSchemas().get(name);
        }
        return s;
    }

    /** The JSON type of a schema: OpenAPI 3.1 puts it in {@code types}, 3.0 in {@code type}. */
    String type(Schema<?> schema) {
        Schema<?> s = resolve(schema);
        if (s == null) {
            return null;
        }
        if (s.getTypes() != null && !s.getTypes().isEmpty()) {
            return s.getTypes().stream().filter(t -> !"null".equals(t)).findFirst().orElse("null");
        }
        if (s.getType() != null) {
            return s.getType();
        }
        if (s.getProperties() != null) {
            return "object";
        }
        if (s.getItems() != null) {
            return "array";
        }
        return null;
    }

    /** The properties of an object schema, following refs and allOf; empty for anything else. */
    Map<String, Schema<?>> properties(Schema<?> schema) {
        Map<String, Schema<?>> props = new LinkedHashMap<>();
        Schema<?> s = resolve(schema);
        if (s == null) {
            return props;
        }
        if (s.getAllOf() != null) {
            for (Schema<?> part : s.getAllOf()) {
                props.putAll(properties(part));
            }
        }
        if (s.getProperties() != null) {
            s.getProperties().forEach((name, value) -> props.put(name, value));
        }
        if ("array".equals(type(s)) && s.getItems() != null) {
            return properties(s.getItems());
        }
        return props;
    }

    Set<String> required(Schema<?> schema) {
        Set<String> required = new TreeSet<>();
        Schema<?> s = resolve(schema);
        if (s == null) {
            return required;
        }
        if (s.getRequired() != null) {
            required.addAll(s.getRequired());
        }
        if (s.getAllOf() != null) {
            for (Schema<?> part : s.getAllOf()) {
                required.addAll(required(part));
            }
        }
        return required;
    }

    Optional<Endpoint> endpoint(String method, String path) {
        return endpoints.stream().filter(e -> e.method().equals(method) && e.path().equals(path)).findFirst();
    }

    boolean has(String method, String path) {
        return endpoint(method, path).isPresent();
    }

    /** Whether any operation declares {@value #ROLES_EXTENSION} (the extension is landing operation by operation). */
    boolean declaresRoles() {
        return endpoints.stream().anyMatch(e -> e.roles() != null);
    }

    /** Whether a security scheme for JWTs from an identity provider is documented. */
    boolean documentsJwt() {
        if (model.getComponents() == null || model.getComponents().getSecuritySchemes() == null) {
            return false;
        }
        for (SecurityScheme s : model.getComponents().getSecuritySchemes().values()) {
            if ("jwt".equalsIgnoreCase(s.getBearerFormat())
                    || s.getType() == SecurityScheme.Type.OPENIDCONNECT || s.getType() == SecurityScheme.Type.OAUTH2) {
                return true;
            }
        }
        return false;
    }

    /**
     * One operation of the document.
     *
     * @param roles the declared {@value #ROLES_EXTENSION}, lower-case and sorted; null when the operation declares none
     */
    record Endpoint(String method, String path, String operationId, Operation operation, List<Parameter> parameters,
            Schema<?> body, String bodyType, boolean bodyRequired, List<String> roles) {

        String key() {
            return method + " " + path;
        }

        @Override
        public String toString() {
            return key() + " (" + operationId + ")";
        }

        boolean isRead() {
            return method.equals("GET") || method.equals("HEAD");
        }

        /** Anonymous: the declared roles say so; before they are declared, an operation that documents no 401. */
        boolean anonymous() {
            if (roles != null) {
                return roles.contains("anonymous");
            }
            if (operation.getSecurity() != null && operation.getSecurity().isEmpty()) {
                return true;
            }
            return !documentedStatuses().contains("401");
        }

        /** Reserved to the platform operator: declared so, or (before roles are declared) under /api/admin/tenants. */
        boolean operatorOnly() {
            if (roles != null) {
                return roles.equals(List.of("operator"));
            }
            return path.startsWith("/api/admin/tenants");
        }

        List<Parameter> in(String where) {
            return parameters.stream().filter(p -> where.equals(p.getIn())).toList();
        }

        List<String> pathParameterNames() {
            return in("path").stream().map(Parameter::getName).toList();
        }

        Set<String> documentedStatuses() {
            return operation.getResponses() == null ? Set.of() : new TreeSet<>(operation.getResponses().keySet());
        }

        /** The documented response for a status: its exact code, else its class (4XX), else default. */
        Optional<Map.Entry<String, ApiResponse>> response(int status) {
            var responses = operation.getResponses();
            if (responses == null) {
                return Optional.empty();
            }
            for (String key : List.of(Integer.toString(status), (status / 100) + "XX", (status / 100) + "xx", "default")) {
                if (responses.containsKey(key)) {
                    return Optional.of(Map.entry(key, responses.get(key)));
                }
            }
            return Optional.empty();
        }

        /** The schemas of the 2xx responses (the resource as the server shows it). */
        List<Schema<?>> successSchemas() {
            List<Schema<?>> schemas = new ArrayList<>();
            if (operation.getResponses() != null) {
                operation.getResponses().forEach((code, r) -> {
                    if (code.startsWith("2") && r.getContent() != null) {
                        r.getContent().values().forEach(m -> {
                            if (m.getSchema() != null) {
                                schemas.add(m.getSchema());
                            }
                        });
                    }
                });
            }
            return schemas;
        }
    }
}
