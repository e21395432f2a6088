package io.tandem.it.attack;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may call what: every documented operation, called by each kind of caller, against the table
 * below. The table is this test's own statement of the product's rules, written from them and not
 * read from the server; a second test checks that the document's {@code x-tandem-roles} say the
 * same, so an operation missing from either side fails.
 *
 * <p>The rules: a viewer may only read the tenant, its members and its work; a member may also write
 * tracker data; an admin may also rename the tenant, manage members, invitations and API keys, read
 * the audit log and the raw event stream (which carries members' emails and key metadata) and
 * operate projections; an owner may also export and close the tenant and make or unmake owners. The platform operator
 * may only operate projections and the platform. Signing up and accepting an invitation need no
 * credential.
 */
class RoleMatrixIT {
    static final Set<String> ANYONE = Set.of("anonymous");
    static final Set<String> READERS = Set.of("owner", "admin", "member", "viewer");
    static final Set<String> WORKERS = Set.of("owner", "admin", "member");
    static final Set<String> ADMINS = Set.of("owner", "admin");
    static final Set<String> OWNERS = Set.of("owner");
    static final Set<String> PROJECTION_OPERATORS = Set.of("owner", "admin", "operator");
    static final Set<String> OPERATOR = Set.of("operator");

    /** The expected table: operation -> who may call it. */
    static final Map<String, Set<String>> EXPECTED = new TreeMap<>(Map.ofEntries(
            // No credential needed
            entry("POST /api/tenants", ANYONE),
            entry("POST /api/invitations/accept", ANYONE),
            // The tenant: everyone reads it; admins rename it; the owner exports and closes it
            entry("GET /api/tenants/{tenantId}", READERS),
            entry("POST /api/tenants/{tenantId}/rename", ADMINS),
            entry("GET /api/tenants/{tenantId}/export", OWNERS),
            entry("POST /api/tenants/{tenantId}/close", OWNERS),
            // Members: everyone sees who is in the tenant; admins manage them (owners also make owners)
            entry("GET /api/members", READERS),
            entry("PUT /api/members/{memberId}/role", ADMINS),
            entry("DELETE /api/members/{memberId}", ADMINS),
            entry("POST /api/invitations", ADMINS),
            // API keys and the audit log: admins
            entry("GET /api/api-keys", ADMINS),
            entry("POST /api/api-keys", ADMINS),
            entry("DELETE /api/api-keys/{apiKeyId}", ADMINS),
            entry("GET /api/audit", ADMINS),
            // Tracker data: everyone reads, members write
            entry("GET /api/projects", READERS),
            entry("POST /api/projects", WORKERS),
            entry("GET /api/projects/{projectId}", READERS),
            entry("GET /api/projects/{projectId}/board", READERS),
            entry("POST /api/projects/{projectId}/tasks", WORKERS),
            entry("GET /api/tasks/{taskId}", READERS),
            entry("POST /api/tasks/{taskId}/move", WORKERS),
            // The raw event stream holds every fact of the tenant, members' emails included: admins
            entry("GET /api/events", ADMINS),
            // Projections: the tenant's admins for their tenant, the operator for all
            entry("GET /api/admin/projections", PROJECTION_OPERATORS),
            entry("GET /api/admin/projections/{name}/fingerprint", PROJECTION_OPERATORS),
            entry("GET /api/admin/projections/{name}/parked", PROJECTION_OPERATORS),
            entry("POST /api/admin/projections/{name}/parked/retry", PROJECTION_OPERATORS),
            entry("POST /api/admin/projections/{name}/parked/{eventId}/retry", PROJECTION_OPERATORS),
            entry("POST /api/admin/projections/{name}/parked/{eventId}/skip", PROJECTION_OPERATORS),
            entry("GET /api/admin/projections/{name}/rebuild", PROJECTION_OPERATORS),
            entry("POST /api/admin/projections/{name}/rebuild", PROJECTION_OPERATORS),
            // The platform: the operator only
            entry("GET /api/admin/tenants", OPERATOR),
            entry("POST /api/admin/tenants/{tenantId}/suspend", OPERATOR),
            entry("POST /api/admin/tenants/{tenantId}/reactivate", OPERATOR),
            entry("PUT /api/admin/tenants/{tenantId}/plan", OPERATOR),
            entry("GET /api/admin/query-cache", OPERATOR)));

    /** A kind of caller: the role it is looked up as in the table, and its token in a tenant. */
    record Column(String name, String role, boolean credentialInvalid, boolean foreign, Function<World, String> token) {}

    static ServedApi api;
    static World b;
    static final Map<World, Map<String, String>> TOKENS = new LinkedHashMap<>();

    @BeforeAll
    static void tenants() {
        api = ServedApi.get();
        b = World.signUp(api, "B");
        b.withMembers();
    }

    static List<Column> columns() {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("owner key", "owner", false, false, w -> w.owner.token()));
        for (String role : World.MEMBER_ROLES) {
            columns.add(new Column(role + " key", role, false, false,
                    w -> Optional.ofNullable(w.members.get(role)).map(World.Identity::token).orElse(null)));
        }
        for (String role : List.of("owner", "admin", "member", "viewer")) {
            columns.add(new Column("jwt " + role, role, false, false, w -> Jwts.valid(w.tenantId, role, "jwt-" + role)));
        }
        columns.add(new Column("B's admin", "admin", false, true,
                w -> Optional.ofNullable(b.members.get("admin")).map(World.Identity::token).orElse(null)));
        columns.add(new Column("revoked key", "none", true, false, w -> cached(w, "revoked",
                () -> w.revokedKey(w.owner.label() + " revoked").map(World.Identity::token).orElse(null))));
        columns.add(new Column("expired jwt", "none", true, false, w -> Jwts.sign(Jwts.claims(w.tenantId, "owner", "jwt-late")
                .issueTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
                .notBeforeTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
                .expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1)))).build())));
        columns.add(new Column("no credential", "anonymous", true, false, w -> null));
        columns.add(new Column("operator", "operator", false, false, w -> Wire.OPERATOR_KEY));
        return columns;
    }

    private static String cached(World w, String what, java.util.function.Supplier<String> make) {
        return TOKENS.computeIfAbsent(w, k -> new LinkedHashMap<>()).computeIfAbsent(what, k -> make.get());
    }

    @Test
    void everyOperationAnswersEachKindOfCallerAsTheTableSays() {
        List<Column> columns = columns();
        World a = World.full(api, "A");
        int requests = 0;
        int unauthorizedSuccesses = 0;
        int authorizedRefused = 0;
        int wrongRefusal = 0;
        int serverErrors = 0;
        List<String> findings = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        Set<String> untabled = new TreeSet<>();

        List<ServedApi.Endpoint> endpoints = new ArrayList<>(api.endpoints);
        endpoints.sort(Comparator.comparing(RoleMatrixIT::destructive).thenComparing(e -> !e.isRead()));
        for (ServedApi.Endpoint e : endpoints) {
            Set<String> expected = EXPECTED.get(e.key());
            if (expected == null) {
                untabled.add(e.key());
                continue;
            }
            StringBuilder row = new StringBuilder(String.format("  %-58s", e.key()));
            World world = destructive(e) ? World.full(api, "A'") : a;
            for (Column c : columns) {
                String token = c.token().apply(world);
                if (token == null && !c.name().equals("no credential")) {
                    row.append(String.format(" %13s", c.name().replace(" key", "") + ":n/a"));
                    continue;
                }
                Bodies.Hints hints = invitationTokens(world).orElse(world.hints());
                Wire.Request r = Calls.build(e, world, hints, world::pathValue).bearer(token);
                Wire.Reply reply = Wire.send(r);
                requests++;
                world.track(reply);
                boolean anonymousOp = expected.contains("anonymous");
                boolean allowed = anonymousOp
                        || (!c.credentialInvalid() && expected.contains(c.role()) && !(c.foreign() && aimsAtTenant(e, world)));
                row.append(String.format(" %13s", abbreviation(c) + ":" + reply.status()));
                if (reply.status() >= 500) {
                    serverErrors++;
                    findings.add("5xx for " + c.name() + " on " + e + ":\n    " + reply.exchange());
                }
                if (anonymousOp && c.role().equals("operator")) {
                    continue; // the operator's key on an operation that takes none: either answer is fine
                }
                if (allowed && (reply.status() == 401 || reply.status() == 403)) {
                    authorizedRefused++;
                    findings.add("authorized " + c.name() + " refused on " + e + ":\n    " + reply.exchange());
                } else if (!allowed && reply.is2xx()) {
                    unauthorizedSuccesses++;
                    findings.add("unauthorized " + c.name() + " succeeded on " + e + ":\n    " + reply.exchange());
                } else if (!allowed && !refusal(c).contains(reply.status())) {
                    wrongRefusal++;
                    findings.add(c.name() + " refused on " + e + " with " + reply.status() + ", expected one of "
                            + refusal(c) + ":\n    " + reply.exchange());
                } else if (!allowed && reply.status() == 401 && reply.header("WWW-Authenticate") == null) {
                    wrongRefusal++;
                    findings.add("401 without WWW-Authenticate for " + c.name() + " on " + e + ":\n    " + reply.exchange());
                }
                if (destructive(e) && reply.is2xx()) {
                    world = World.full(api, "A'"); // spent: the next caller gets a fresh tenant
                }
            }
            rows.add(row.toString());
        }

        System.out.println("role matrix (status per caller; expected table in RoleMatrixIT.EXPECTED):");
        rows.forEach(System.out::println);
        if (!a.waiting.isEmpty()) {
            System.out.println("attack: roles waiting for " + a.waiting);
        }
        System.out.printf("attack: roles operations=%d callers=%d requests=%d unauthorized-successes=%d authorized-refused=%d"
                        + " wrong-refusal-status=%d 5xx=%d untabled=%d%n",
                api.endpoints.size(), columns.size(), requests, unauthorizedSuccesses, authorizedRefused, wrongRefusal,
                serverErrors, untabled.size());
        untabled.forEach(k -> findings.add("operation not in the expected table: " + k));
        findings.forEach(f -> System.out.println("attack: roles finding: " + f));
        assertThat(findings).as("role matrix findings").isEmpty();
    }

    @Test
    void theDocumentDeclaresTheRolesOfTheExpectedTable() {
        List<String> mismatches = new ArrayList<>();
        Set<String> documented = new TreeSet<>();
        for (ServedApi.Endpoint e : api.endpoints) {
            documented.add(e.key());
            Set<String> expected = EXPECTED.get(e.key());
            if (expected == null) {
                mismatches.add(e.key() + ": documented with " + e.roles() + ", missing from the expected table");
            } else if (e.roles() == null) {
                mismatches.add(e.key() + ": declares no " + ServedApi.ROLES_EXTENSION + ", expected " + new TreeSet<>(expected));
            } else if (!new TreeSet<>(e.roles()).equals(new TreeSet<>(expected))) {
                mismatches.add(e.key() + ": declares " + e.roles() + ", expected " + new TreeSet<>(expected));
            }
        }
        EXPECTED.keySet().stream().filter(k -> !documented.contains(k))
                .forEach(k -> mismatches.add(k + ": in the expected table, missing from the document"));
        System.out.printf("attack: roles table-vs-document operations=%d mismatches=%d%n", documented.size(), mismatches.size());
        mismatches.forEach(m -> System.out.println("attack: roles mismatch: " + m));
        assertThat(mismatches).as("x-tandem-roles against the expected table").isEmpty();
    }

    /**
     * Rules that depend on the target, not only on the caller: only an owner makes or unmakes an
     * owner, nobody exceeds their own role when inviting or issuing keys, and a tenant keeps an owner.
     */
    @Test
    void onlyOwnersMakeOrUnmakeOwnersAndNobodyGrantsMoreThanTheyHave() {
        World w = World.full(api, "R");
        World.Identity admin = w.members.get("admin");
        assertThat(admin).as("an admin (invitations or API keys must have landed)").isNotNull();
        String target = "/api/members/" + w.targetMemberId + "/role";
        List<String> findings = new ArrayList<>();

        expectRefused(findings, "an admin makes a member owner",
                Wire.send(admin.on(Wire.request("PUT", target)).json(Map.of("role", "owner"))));
        expectRefused(findings, "an admin invites an owner", Wire.send(admin.on(Wire.post("/api/invitations"))
                .json(Map.of("email", "owner-" + Bodies.unique() + "@example.test", "role", "owner"))));
        expectRefused(findings, "an admin issues an owner key",
                Wire.send(admin.on(Wire.post("/api/api-keys")).json(Map.of("name", "escalate", "role", "owner"))));
        World.Identity member = w.members.get("member");
        expectRefused(findings, "a member issues a key", Wire.send(member.on(Wire.post("/api/api-keys"))
                .json(Map.of("name", "escalate", "role", "viewer"))));

        Wire.Reply promoted = Wire.send(w.owner.on(Wire.request("PUT", target)).json(Map.of("role", "owner")));
        if (!promoted.is2xx()) {
            findings.add("an owner could not make a member owner:\n    " + promoted.exchange());
        }
        expectRefused(findings, "an admin demotes an owner",
                Wire.send(admin.on(Wire.request("PUT", target)).json(Map.of("role", "viewer"))));
        expectRefused(findings, "an admin removes an owner",
                Wire.send(admin.on(Wire.request("DELETE", "/api/members/" + w.targetMemberId))));
        Wire.Reply demoted = Wire.send(w.owner.on(Wire.request("PUT", target)).json(Map.of("role", "member")));
        if (!demoted.is2xx()) {
            findings.add("an owner could not unmake an owner:\n    " + demoted.exchange());
        }
        Wire.Reply lastOwner = Wire.send(w.owner.on(Wire.request("PUT", "/api/members/" + w.owner.memberId() + "/role"))
                .json(Map.of("role", "admin")));
        if (lastOwner.is2xx()) {
            findings.add("the last owner demoted themselves; the tenant has no owner:\n    " + lastOwner.exchange());
        }
        System.out.printf("attack: roles target-rules checks=9 violations=%d%n", findings.size());
        findings.forEach(f -> System.out.println("attack: roles finding: " + f));
        assertThat(findings).isEmpty();
    }

    private static void expectRefused(List<String> findings, String what, Wire.Reply reply) {
        if (reply.status() != 403) {
            findings.add(what + ": expected 403, got:\n    " + reply.exchange());
        }
    }

    /** Hints that give an invitation token property a fresh token of the tenant's (each is accepted once). */
    private static Bodies.Hints invitationTokens(World w) {
        return (property, schema) -> {
            if (!property.equals("token")) {
                return Optional.empty();
            }
            Wire.Reply invited = Wire.send(w.owner.on(Wire.post("/api/invitations"))
                    .json(Map.of("email", "joiner-" + Bodies.unique() + "@example.test", "role", "viewer")));
            JsonNode j = invited.json();
            return j != null && j.hasNonNull("token") ? Optional.of(Bodies.text(j.get("token").asText())) : Optional.empty();
        };
    }

    /** What a refusal may look like: a bad credential is 401; a valid one without the right is 403 (404 for another tenant's ids). */
    private static Set<Integer> refusal(Column c) {
        return c.credentialInvalid() ? Set.of(401) : Set.of(403, 404);
    }

    /** Whether the call names one of the tenant's resources by id in its path (another tenant's caller must not reach it). */
    private static boolean aimsAtTenant(ServedApi.Endpoint e, World w) {
        return e.pathParameterNames().stream().anyMatch(p -> w.id(p).isPresent());
    }

    /** Operations that spend their fixture: deletions and anything done to a tenant as a whole. */
    static boolean destructive(ServedApi.Endpoint e) {
        return e.method().equals("DELETE") || (!e.isRead() && e.path().contains("{tenantId}"));
    }

    private static String abbreviation(Column c) {
        return switch (c.name()) {
            case "owner key" -> "own";
            case "admin key" -> "adm";
            case "member key" -> "mem";
            case "viewer key" -> "vie";
            case "jwt owner" -> "jOwn";
            case "jwt admin" -> "jAdm";
            case "jwt member" -> "jMem";
            case "jwt viewer" -> "jVie";
            case "B's admin" -> "Badm";
            case "revoked key" -> "rev";
            case "expired jwt" -> "exp";
            case "no credential" -> "none";
            default -> "op";
        };
    }
}
