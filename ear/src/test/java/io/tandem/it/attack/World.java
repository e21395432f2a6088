package io.tandem.it.attack;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.media.Schema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * One tenant and what the attacks need of it, created through the API only: the owner (sign-up),
 * members with each role (invitation and acceptance, else API keys with that role), a project and a
 * task, a member, an API key and an invitation to aim at, and the ids of all of it. Parts whose
 * endpoints are not in the served document yet are left out and listed in {@link #waiting}.
 */
final class World {
    static final Duration DEADLINE = Duration.ofSeconds(30);
    static final List<String> MEMBER_ROLES = List.of("admin", "member", "viewer");

    final ServedApi api;
    final String name;
    final UUID tenantId;
    final Identity owner;
    final Map<String, Identity> members = new LinkedHashMap<>();
    final Set<String> waiting = new LinkedHashSet<>();
    final Set<String> secrets = new LinkedHashSet<>();
    final Random random = new Random();
    UUID projectId;
    UUID taskId;
    UUID targetMemberId;
    UUID targetApiKeyId;
    UUID invitationId;
    UUID eventId;
    List<String> projectors = List.of();
    volatile long position;
    /** Whether a parked event holds this tenant's read models back (see {@link #withParkedEvent()}). */
    boolean parked;

    /** Who calls: a bearer token (API key, JWT or the operator key; null for none) and what it stands for. */
    record Identity(String label, String role, String token, UUID tenantId, UUID memberId, UUID apiKeyId) {
        Wire.Request on(Wire.Request r) {
            return r.bearer(token);
        }
    }

    private World(ServedApi api, String name, UUID tenantId, Identity owner, long position) {
        this.api = api;
        this.name = name;
        this.tenantId = tenantId;
        this.owner = owner;
        this.position = position;
        secrets.add(owner.token());
        secrets.add(name);
    }

    static World signUp(ServedApi api, String label) {
        String name = "Attack " + label + " " + Bodies.unique();
        var reply = Wire.send(Wire.post("/api/tenants").json(Map.of("name", name, "adminEmail",
                "owner-" + Bodies.unique() + "@example.test")));
        expect(reply, 201);
        JsonNode j = reply.json();
        UUID tenantId = UUID.fromString(j.get("tenantId").asText());
        UUID memberId = j.hasNonNull("memberId") ? UUID.fromString(j.get("memberId").asText()) : null;
        UUID keyId = j.hasNonNull("apiKeyId") ? UUID.fromString(j.get("apiKeyId").asText()) : null;
        var owner = new Identity(label + " owner", "owner", j.get("apiKey").asText(), tenantId, memberId, keyId);
        return new World(api, name, tenantId, owner, j.path("position").asLong());
    }

    /** Sign-up plus everything there is to aim at: work, members of each role, a target member, key and invitation. */
    static World full(ServedApi api, String label) {
        World w = signUp(api, label);
        w.withWork();
        w.withMembers();
        w.withTargets();
        w.discover();
        return w;
    }

    World withWork() {
        String projectName = "Secret plans " + Bodies.unique();
        String taskTitle = "Secret task " + Bodies.unique();
        secrets.add(projectName);
        secrets.add(taskTitle);
        var project = Wire.send(owner.on(Wire.post("/api/projects")).json(Map.of("name", projectName, "key", projectKey())));
        expect(project, 201);
        projectId = id(project);
        track(project);
        var task = Wire.send(owner.on(Wire.post("/api/projects/" + projectId + "/tasks"))
                .json(Map.of("title", taskTitle)));
        expect(task, 201);
        taskId = id(task);
        track(task);
        return this;
    }

    /** Admin, member and viewer: invited and accepted where invitations exist, else API keys with the role. */
    World withMembers() {
        for (String role : MEMBER_ROLES) {
            Optional<Identity> joined = join(role, label(role));
            joined.ifPresent(i -> members.put(role, i));
        }
        return this;
    }

    private String label(String role) {
        return owner.label().replace(" owner", "") + " " + role;
    }

    /** A new member of the tenant with the role (invitation + acceptance), or a key with the role. */
    Optional<Identity> join(String role, String label) {
        if (api.has("POST", "/api/invitations") && api.has("POST", "/api/invitations/accept")) {
            var invited = Wire.send(owner.on(Wire.post("/api/invitations"))
                    .json(Map.of("email", role + "-" + Bodies.unique() + "@example.test", "role", role)));
            expect(invited, 201);
            track(invited);
            var accepted = Wire.send(Wire.post("/api/invitations/accept")
                    .json(Map.of("token", invited.json().get("token").asText())));
            expect(accepted, 201);
            track(accepted);
            JsonNode a = accepted.json();
            var identity = new Identity(label, role, a.get("apiKey").asText(), tenantId,
                    uuid(a, "memberId"), uuid(a, "apiKeyId"));
            secrets.add(identity.token());
            return Optional.of(identity);
        }
        waiting.add("POST /api/invitations + POST /api/invitations/accept (members joined by invitation)");
        return issueKey(role, label);
    }

    /** A new API key of the owner's with the role; empty when the endpoint has not landed. */
    Optional<Identity> issueKey(String role, String label) {
        if (!api.has("POST", "/api/api-keys")) {
            waiting.add("POST /api/api-keys (keys with a role)");
            return Optional.empty();
        }
        var issued = Wire.send(owner.on(Wire.post("/api/api-keys")).json(Map.of("name", "attack " + role, "role", role)));
        expect(issued, 201);
        track(issued);
        JsonNode k = issued.json();
        var identity = new Identity(label, role, k.get("apiKey").asText(), tenantId, owner.memberId(), uuid(k, "apiKeyId"));
        secrets.add(identity.token());
        return Optional.of(identity);
    }

    /** A key that worked once and has been revoked; empty when keys cannot be issued or revoked yet. */
    Optional<Identity> revokedKey(String label) {
        if (!api.has("DELETE", "/api/api-keys/{apiKeyId}")) {
            waiting.add("DELETE /api/api-keys/{apiKeyId} (a revoked key)");
            return Optional.empty();
        }
        return issueKey("admin", label).map(key -> {
            var revoked = Wire.send(owner.on(Wire.request("DELETE", "/api/api-keys/" + key.apiKeyId())));
            if (!revoked.is2xx()) {
                throw new IllegalStateException("could not revoke a key: " + revoked.exchange());
            }
            track(revoked);
            return key;
        });
    }

    /** Things to aim at that no identity depends on: a member, an API key, a pending invitation. */
    World withTargets() {
        join("member", label("target")).ifPresent(t -> targetMemberId = t.memberId());
        if (api.has("POST", "/api/api-keys")) {
            issueKey("viewer", label("target key")).ifPresent(k -> targetApiKeyId = k.apiKeyId());
        }
        if (api.has("POST", "/api/invitations")) {
            var invited = Wire.send(owner.on(Wire.post("/api/invitations"))
                    .json(Map.of("email", "pending-" + Bodies.unique() + "@example.test", "role", "viewer")));
            expect(invited, 201);
            track(invited);
            invitationId = uuid(invited.json(), "invitationId");
            secrets.add(invited.json().path("token").asText());
        }
        return this;
    }

    /**
     * A parked event to aim at: a task of its own moved with the test-only poison fault (the IT
     * server enables faults), which the task board parks after its delivery attempts. Its id
     * becomes this tenant's eventId.
     */
    World withParkedEvent() {
        var task = Wire.send(owner.on(Wire.post("/api/projects/" + projectId + "/tasks"))
                .json(Map.of("title", "Poisoned " + Bodies.unique())));
        expect(task, 201);
        track(task);
        var moved = Wire.send(owner.on(Wire.post("/api/tasks/" + id(task) + "/move")).header("If-Match", "\"1\"")
                .header("Tandem-Fault", "poison").json(Map.of("status", "in_progress")));
        expect(moved, 200);
        track(moved);
        UUID[] parked = new UUID[1];
        await().atMost(DEADLINE.multipliedBy(2)).pollInterval(Duration.ofMillis(200)).until(() -> {
            var list = Wire.send(owner.on(Wire.get("/api/admin/projections/task-board/parked")));
            if (list.status() == 200 && list.json().size() > 0) {
                parked[0] = uuid(list.json().get(0), "eventId");
            }
            return parked[0] != null;
        });
        eventId = parked[0];
        this.parked = true;
        return this;
    }

    /** Ids only the API can tell: an event of the tenant's, the projectors. */
    World discover() {
        var events = Wire.send(owner.on(Wire.get("/api/events")).query("limit", 1));
        if (eventId == null && events.status() == 200 && events.json().path("items").size() > 0) {
            eventId = uuid(events.json().path("items").get(0), "eventId");
        }
        var projections = Wire.send(owner.on(Wire.get("/api/admin/projections")));
        if (projections.status() == 200) {
            List<String> names = new ArrayList<>();
            projections.json().forEach(p -> names.add(p.path("name").asText()));
            projectors = List.copyOf(names);
        }
        return this;
    }

    /** This tenant's id for a parameter or property name; unknown *Id names get the tenant's id. */
    Optional<UUID> id(String name) {
        UUID id = switch (name) {
            case "tenantId" -> tenantId;
            case "projectId" -> projectId;
            case "taskId" -> taskId;
            case "memberId" -> targetMemberId != null ? targetMemberId : owner.memberId();
            case "apiKeyId", "keyId" -> targetApiKeyId != null ? targetApiKeyId : owner.apiKeyId();
            case "invitationId" -> invitationId;
            case "eventId" -> eventId;
            default -> null;
        };
        if (id == null && (name.endsWith("Id") || name.equals("id"))) {
            id = tenantId;
        }
        return Optional.ofNullable(id);
    }

    /** Every id of this tenant's that an attacker could aim at. */
    Set<UUID> ids() {
        Set<UUID> ids = new LinkedHashSet<>();
        for (UUID id : new UUID[] {tenantId, owner.memberId(), owner.apiKeyId(), projectId, taskId, targetMemberId,
                targetApiKeyId, invitationId, eventId}) {
            if (id != null) {
                ids.add(id);
            }
        }
        members.values().forEach(m -> {
            if (m.memberId() != null) {
                ids.add(m.memberId());
            }
            if (m.apiKeyId() != null) {
                ids.add(m.apiKeyId());
            }
        });
        return ids;
    }

    /** The value for a path parameter: an id for id-like names, a projector for "name", else the tenant's id. */
    String pathValue(String parameter) {
        if (parameter.equals("name") && !projectors.isEmpty()) {
            return projectors.get(0);
        }
        return id(parameter).orElse(tenantId).toString();
    }

    /**
     * Hints that make a body valid for this tenant: its ids, its name where it must be confirmed, a
     * legal next status for its task, the least powerful role, the standard plan.
     */
    Bodies.Hints hints() {
        return ((Bodies.Hints) (property, schema) -> {
            if (property.endsWith("Id")) {
                return id(property).map(u -> Bodies.text(u.toString()));
            }
            return switch (property) {
                case "confirmName" -> Optional.of(Bodies.text(name));
                case "status" -> Optional.of(Bodies.text(nextStatus()));
                case "plan" -> Optional.of(Bodies.text("standard"));
                default -> Optional.empty();
            };
        }).orElse(Bodies.leastPowerfulRole(api));
    }

    private String lastSeenStatus = "todo";

    /** The task's legal next status from the last status seen (todo -> in_progress -> todo). */
    String nextStatus() {
        return switch (lastSeenStatus) {
            case "in_progress" -> "todo";
            default -> "in_progress";
        };
    }

    /**
     * The current ETag of the resource an operation acts on (the nearest GET of a prefix of its path
     * with the same ids), read once the read models have caught up with this tenant's writes.
     */
    Optional<String> currentETag(ServedApi.Endpoint e, Map<String, String> pathValues) {
        String path = e.path();
        while (path.lastIndexOf('/') > 0) {
            path = path.substring(0, path.lastIndexOf('/'));
            Optional<ServedApi.Endpoint> get = api.endpoint("GET", path);
            if (get.isPresent() && path.endsWith("}")) {
                String concrete = expand(path, pathValues);
                var reply = readYourWrites(owner.on(Wire.get(concrete)));
                if (reply.status() == 200 && reply.header("ETag") != null) {
                    JsonNode j = reply.json();
                    if (j != null && j.hasNonNull("status")) {
                        lastSeenStatus = j.get("status").asText();
                    }
                    return Optional.of(reply.header("ETag"));
                }
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * A read that waits (with a deadline) until the read models have this tenant's writes so far.
     * With a parked event the tenant's read models never reach later positions: then a plain read.
     */
    Wire.Reply readYourWrites(Wire.Request r) {
        if (!parked) {
            r.header("Tandem-Min-Position", Long.toString(position));
        }
        Wire.Reply[] last = new Wire.Reply[1];
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = Wire.send(r.copy());
            return last[0].status() != 503;
        });
        return last[0];
    }

    /** Remember the log position a write of this tenant's produced. */
    void track(Wire.Reply reply) {
        String p = reply.header("Tandem-Position");
        if (p != null && reply.is2xx()) {
            try {
                position = Math.max(position, Long.parseLong(p.trim()));
            } catch (NumberFormatException ignored) {
                // not a position: nothing to wait for
            }
        }
    }

    static String expand(String template, Map<String, String> values) {
        String path = template;
        for (var e : values.entrySet()) {
            path = path.replace("{" + e.getKey() + "}", Wire.encode(e.getValue()));
        }
        return path;
    }

    static String projectKey() {
        return "P" + UUID.randomUUID().toString().replace("-", "").substring(0, 11).toUpperCase();
    }

    static UUID id(Wire.Reply reply) {
        JsonNode j = reply.json();
        for (String field : new String[] {"id", "projectId", "taskId"}) {
            if (j != null && j.hasNonNull(field)) {
                return UUID.fromString(j.get(field).asText());
            }
        }
        throw new IllegalStateException("no id in " + reply.exchange());
    }

    static UUID uuid(JsonNode j, String field) {
        return j != null && j.hasNonNull(field) ? UUID.fromString(j.get(field).asText()) : null;
    }

    static void expect(Wire.Reply reply, int status) {
        if (reply.status() != status) {
            throw new IllegalStateException("fixture step failed, expected " + status + ":\n    " + reply.exchange());
        }
    }

    /** A valid body for an operation in this tenant, or null when it takes none. */
    com.fasterxml.jackson.databind.node.ObjectNode body(ServedApi.Endpoint e, Bodies.Hints hints) {
        if (e.body() == null) {
            return null;
        }
        Schema<?> schema = e.body();
        return Bodies.minimal(api, schema, hints, random);
    }
}
