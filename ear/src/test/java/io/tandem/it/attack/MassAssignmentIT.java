package io.tandem.it.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.media.Schema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mass assignment, for every documented write that takes a body: a valid body plus one property it
 * does not declare (another tenant's id as tenantId, id, version, role, status, createdAt, position,
 * and every property the server shows for that resource). Tandem refuses unknown properties: each
 * must be a 400 problem whose errors[].field names the property, and nothing may be persisted in
 * either tenant (their event logs and reads) nor elsewhere (no new tenant).
 */
class MassAssignmentIT {
    /** Properties a client might hope to set, with what it would set them to. */
    static final List<String> CLASSICS = List.of("tenantId", "tenant_id", "id", "version", "role", "status", "createdAt",
            "position", "memberId", "plan", "owner", "admin");

    static ServedApi api;
    static World m;
    static World other;

    @BeforeAll
    static void tenants() {
        api = ServedApi.get();
        m = World.full(api, "M");
        other = World.signUp(api, "O").withWork();
    }

    record Attempt(ServedApi.Endpoint endpoint, String property, Wire.Request request) {}

    @Test
    void noWriteAcceptsAPropertyItDoesNotDeclare() {
        List<ServedApi.Endpoint> writes = api.endpoints.stream()
                .filter(e -> !e.isRead() && e.body() != null)
                .sorted(Comparator.comparing(e -> e.path().endsWith("/close")))
                .toList();
        // Build every request first: valid bodies may need fixtures (an invitation's token), which
        // must exist before the tenants' state is taken.
        List<Attempt> attempts = new ArrayList<>();
        for (ServedApi.Endpoint e : writes) {
            Set<String> declared = api.properties(e.body()).keySet();
            Wire.Request valid = Calls.build(e, m, invitationToken().orElse(m.hints()), m::pathValue).bearer(caller(e));
            ObjectNode body = (ObjectNode) Wire.parse(valid.bodyText());
            for (var extra : extras(e).entrySet()) {
                if (declared.contains(extra.getKey())) {
                    continue;
                }
                ObjectNode assigned = body.deepCopy();
                assigned.set(extra.getKey(), extra.getValue());
                Wire.Request r = valid.copy();
                r.body = Wire.write(assigned).getBytes(StandardCharsets.UTF_8);
                attempts.add(new Attempt(e, extra.getKey(), r));
            }
        }

        Snapshot mBefore = Snapshot.settled(m);
        Snapshot otherBefore = Snapshot.settled(other);
        int tenantsBefore = tenantCount();

        int accepted = 0;
        int unnamed = 0;
        List<String> findings = new ArrayList<>();
        for (Attempt a : attempts) {
            Wire.Reply reply = Wire.send(a.request());
            m.track(reply);
            if (reply.is2xx()) {
                accepted++;
                findings.add(a.endpoint() + " accepted " + a.property() + ":\n    " + reply.exchange());
                continue;
            }
            List<String> fields = Problems.errorFields(reply.json());
            if (reply.status() != 400 || !reply.isProblem() || !fields.contains(a.property())) {
                unnamed++;
                findings.add(a.endpoint() + " with " + a.property() + ": expected 400 problem+json naming it, got:\n    "
                        + reply.exchange());
            }
        }

        List<String> changes = new ArrayList<>();
        Snapshot.settled(m).changesSince(mBefore).forEach(c -> changes.add("M " + c));
        Snapshot.settled(other).changesSince(otherBefore).forEach(c -> changes.add("O " + c));
        int tenantsAfter = tenantCount();
        if (tenantsAfter != tenantsBefore) {
            changes.add("tenants on the platform: " + tenantsBefore + " before, " + tenantsAfter + " after");
        }
        changes.forEach(c -> findings.add("persisted: " + c));

        System.out.printf("attack: mass-assignment operations=%d requests=%d accepted=%d unnamed=%d persisted=%d%n",
                writes.size(), attempts.size(), accepted, unnamed, changes.size());
        findings.forEach(f -> System.out.println("attack: mass-assignment finding: " + f));
        assertThat(findings).as("mass assignment findings").isEmpty();
    }

    /** The caller an operation is for: nobody for anonymous ones, the operator for the platform's, else M's owner. */
    private static String caller(ServedApi.Endpoint e) {
        if (e.anonymous()) {
            return null;
        }
        return e.operatorOnly() ? Wire.OPERATOR_KEY : m.owner.token();
    }

    /**
     * The properties to slip in: the classics, and every property the server shows for the resource
     * (the operation's own answers, the list at its path, the item a prefix of its path names).
     */
    private static Map<String, JsonNode> extras(ServedApi.Endpoint e) {
        Map<String, JsonNode> extras = new LinkedHashMap<>();
        extras.put("tenantId", Bodies.text(other.tenantId.toString()));
        extras.put("tenant_id", Bodies.text(other.tenantId.toString()));
        extras.put("id", Bodies.text(other.projectId.toString()));
        extras.put("version", Wire.JSON.getNodeFactory().numberNode(42));
        extras.put("role", Bodies.text("owner"));
        extras.put("status", Bodies.text("done"));
        extras.put("createdAt", Bodies.text("2001-01-01T00:00:00Z"));
        extras.put("position", Wire.JSON.getNodeFactory().numberNode(1));
        extras.put("memberId", Bodies.text(other.owner.memberId().toString()));
        extras.put("plan", Bodies.text("enterprise"));
        extras.put("owner", Wire.JSON.getNodeFactory().booleanNode(true));
        extras.put("admin", Wire.JSON.getNodeFactory().booleanNode(true));
        List<Schema<?>> shown = new ArrayList<>(e.successSchemas());
        String path = e.path();
        while (path.lastIndexOf('/') > 0) {
            api.endpoint("GET", path).ifPresent(get -> shown.addAll(get.successSchemas()));
            path = path.substring(0, path.lastIndexOf('/'));
        }
        Random random = new Random(1);
        for (Schema<?> s : shown) {
            api.properties(s).forEach((name, schema) -> extras.computeIfAbsent(name,
                    n -> Bodies.valid(api, n, schema, other.hints(), random)));
        }
        return extras;
    }

    /** Hints that give an invitation token property a fresh token of M's. */
    private static Bodies.Hints invitationToken() {
        return (property, schema) -> {
            if (!property.equals("token")) {
                return Optional.empty();
            }
            Wire.Reply invited = Wire.send(m.owner.on(Wire.post("/api/invitations"))
                    .json(Map.of("email", "mass-" + Bodies.unique() + "@example.test", "role", "viewer")));
            JsonNode j = invited.json();
            return j != null && j.hasNonNull("token") ? Optional.of(Bodies.text(j.get("token").asText())) : Optional.empty();
        };
    }

    /** How many tenants the platform has (the operator's directory), or -1 when it cannot be read. */
    private static int tenantCount() {
        if (!api.has("GET", "/api/admin/tenants")) {
            return -1;
        }
        Set<String> ids = new TreeSet<>();
        for (int offset = 0; offset < 100_000; offset += 200) {
            Wire.Reply page = Wire.send(Wire.get("/api/admin/tenants").bearer(Wire.OPERATOR_KEY)
                    .query("offset", offset).query("limit", 200));
            if (page.status() != 200) {
                return -1;
            }
            JsonNode items = page.json().path("items");
            items.forEach(t -> ids.add(t.path("id").asText()));
            if (items.size() < 200) {
                break;
            }
        }
        return ids.size();
    }
}
