package io.tandem.it.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks an answer against what the document says of it: the status is documented for the
 * operation (or covered by a documented range or default), the media type is one the document
 * gives for that status, and the body validates against the documented schema (JSON Schema
 * 2020-12, as OpenAPI 3.1 uses, with format assertions on).
 */
final class ResponseSchemas {
    private final ServedApi api;
    private final String defs;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    ResponseSchemas(ServedApi api) {
        this.api = api;
        JsonNode schemas = api.raw.path("components").path("schemas");
        this.defs = rewriteRefs(schemas.toString());
    }

    /** What is wrong with an answer, as the document sees it; empty when it conforms. */
    List<String> violations(ServedApi.Endpoint e, Wire.Reply reply) {
        List<String> violations = new ArrayList<>();
        var documented = e.response(reply.status());
        if (documented.isEmpty()) {
            violations.add("undocumented status " + reply.status() + " (documented: " + e.documentedStatuses() + ")");
            return violations;
        }
        String code = documented.get().getKey();
        var content = documented.get().getValue().getContent();
        boolean hasBody = reply.body() != null && !reply.body().isEmpty();
        if (content == null || content.isEmpty()) {
            if (hasBody) {
                violations.add(reply.status() + " has a body, the document gives none");
            }
            return violations;
        }
        String mediaType = reply.contentType();
        if (mediaType == null || !content.containsKey(mediaType)) {
            violations.add(reply.status() + " answered as " + mediaType + ", documented as " + content.keySet());
            return violations;
        }
        if (!mediaType.toLowerCase(Locale.ROOT).contains("json")) {
            return violations;
        }
        JsonNode raw = api.raw.path("paths").path(e.path()).path(e.method().toLowerCase(Locale.ROOT))
                .path("responses").path(code).path("content").path(mediaType).path("schema");
        if (raw.isMissingNode()) {
            return violations;
        }
        Schema schema = compiled.computeIfAbsent(e.key() + " " + code + " " + mediaType, k -> compile(raw));
        try {
            for (var error : schema.validate(reply.body(), InputFormat.JSON)) {
                violations.add(reply.status() + " body does not match its schema: " + error);
            }
        } catch (RuntimeException notJson) {
            violations.add(reply.status() + " body is not JSON: " + Wire.abbreviate(reply.body(), 200));
        }
        return violations;
    }

    private Schema compile(JsonNode responseSchema) {
        ObjectNode wrapper = Wire.object();
        wrapper.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        wrapper.set("$defs", Wire.parse(defs));
        wrapper.putArray("allOf").add(Wire.parse(rewriteRefs(responseSchema.toString())));
        return registry.getSchema(wrapper.toString(), InputFormat.JSON);
    }

    private static String rewriteRefs(String json) {
        return json.replace("#/components/schemas/", "#/$defs/");
    }
}
