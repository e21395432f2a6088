package io.tandem.it.attack;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * A well-formed call of a documented operation: path parameters from the given values, id-like
 * query parameters and body properties from a tenant's ids, required headers (a current If-Match
 * for the resource acted on), and a minimal valid body.
 */
final class Calls {
    private Calls() {}

    /**
     * @param ids the tenant whose ids, name and task state fill the call
     * @param pathValue the value for each path parameter
     */
    static Wire.Request build(ServedApi.Endpoint e, World ids, Bodies.Hints hints, Function<String, String> pathValue) {
        Map<String, String> pathValues = new LinkedHashMap<>();
        for (String name : e.pathParameterNames()) {
            pathValues.put(name, pathValue.apply(name));
        }
        Wire.Request r = Wire.request(e.method(), World.expand(e.path(), pathValues));
        for (Parameter q : e.in("query")) {
            if (idLike(q)) {
                r.query(q.getName(), ids.id(q.getName()).orElse(ids.tenantId).toString());
            } else if (Boolean.TRUE.equals(q.getRequired())) {
                JsonNode v = Bodies.valid(ids.api, q.getName(), q.getSchema(), hints, ids.random);
                r.query(q.getName(), v.isTextual() ? v.asText() : v.toString());
            }
        }
        for (Parameter h : e.in("header")) {
            if (h.getName().equalsIgnoreCase("If-Match")) {
                r.header("If-Match", ids.currentETag(e, pathValues).orElse("\"1\""));
            } else if (Boolean.TRUE.equals(h.getRequired())) {
                JsonNode v = Bodies.valid(ids.api, h.getName(), h.getSchema(), hints, ids.random);
                r.header(h.getName(), v.isTextual() ? v.asText() : v.toString());
            }
        }
        var body = ids.body(e, hints);
        if (body != null) {
            r.body(Wire.write(body).getBytes(StandardCharsets.UTF_8),
                    e.bodyType() == null ? "application/json" : e.bodyType());
        }
        return r;
    }

    static boolean idLike(Parameter p) {
        String format = p.getSchema() == null || p.getSchema().getFormat() == null ? ""
                : p.getSchema().getFormat().toLowerCase(Locale.ROOT);
        return p.getName().endsWith("Id") || format.equals("uuid");
    }

    /** The same call with every one of the given ids replaced (the same replacement everywhere). */
    static Wire.Request replaceIds(Wire.Request r, Map<UUID, UUID> replacements) {
        Wire.Request twin = r.copy();
        twin.path = replace(r.path, replacements);
        twin.query.replaceAll((k, v) -> replace(v, replacements));
        if (r.body != null) {
            twin.body = replace(r.bodyText(), replacements).getBytes(StandardCharsets.UTF_8);
        }
        return twin;
    }

    static String replace(String s, Map<UUID, UUID> replacements) {
        String out = s;
        for (var e : replacements.entrySet()) {
            out = out.replace(e.getKey().toString(), e.getValue().toString());
        }
        return out;
    }

    /** Whether the request carries any of the ids anywhere (path, query, body). */
    static boolean carries(Wire.Request r, Iterable<UUID> ids) {
        String all = r.target() + "\n" + r.bodyText();
        for (UUID id : ids) {
            if (all.contains(id.toString())) {
                return true;
            }
        }
        return false;
    }

    static boolean pathCarries(Wire.Request r, Iterable<UUID> ids) {
        for (UUID id : ids) {
            if (r.path.contains(id.toString())) {
                return true;
            }
        }
        return false;
    }
}
