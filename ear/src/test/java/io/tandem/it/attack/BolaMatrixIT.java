package io.tandem.it.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Broken object-level authorization, for every operation the server documents: tenant B's owner
 * calls each one with tenant A's ids in every path parameter, id-like query parameter and body
 * property ending in Id, and the same call again with random ids in their place.
 *
 * <ul>
 *   <li>cross-tenant 2xx: a 2xx for a call that names one of A's resources in its path, or that
 *       carries A's ids elsewhere and is answered differently from its random twin, or whose answer
 *       shows A's data;
 *   <li>distinguishable: the answer about A's ids differs from the genuine miss for random ids
 *       (status, media type, header names, fields, problem type/title/status/field names, or the
 *       detail beyond the id itself); operator-only operations refuse both alike (403);
 *   <li>rows changed: A's event log and everything A's owner can read, settled before and after.
 * </ul>
 * A new operation in the document is attacked without editing this test.
 */
class BolaMatrixIT {
    static ServedApi api;
    static World a;
    static World b;

    @BeforeAll
    static void twoTenants() {
        api = ServedApi.get();
        a = World.full(api, "A").withParkedEvent();
        b = World.signUp(api, "B").withWork();
    }

    @Test
    void tenantBReachesNothingOfTenantAThroughAnyOperation() {
        Snapshot before = Snapshot.settled(a);
        Set<UUID> aIds = a.ids();
        List<String> secrets = new ArrayList<>(a.secrets);
        aIds.forEach(id -> secrets.add(id.toString()));

        int requests = 0;
        int crossTenant2xx = 0;
        int distinguishable = 0;
        int leaks = 0;
        List<String> findings = new ArrayList<>();
        List<String> table = new ArrayList<>();
        List<ServedApi.Endpoint> endpoints = new ArrayList<>(api.endpoints);
        endpoints.sort(Comparator.comparingInt(BolaMatrixIT::attackOrder));

        for (ServedApi.Endpoint e : endpoints) {
            for (Variant variant : variants(e)) {
                Wire.Request attack = Calls.build(e, a, a.hints(), variant.pathValue()).bearer(b.owner.token());
                if (variant.idsInEveryQueryParameter()) {
                    e.in("query").forEach(q -> attack.query(q.getName(), a.tenantId.toString()));
                }
                Map<UUID, UUID> randoms = new LinkedHashMap<>();
                aIds.forEach(id -> randoms.put(id, UUID.randomUUID()));
                Wire.Request twin = Calls.replaceIds(attack, randoms);

                Wire.Reply onA = Wire.send(attack);
                Wire.Reply onNothing = Wire.send(twin);
                requests += 2;
                boolean aimsAtA = Calls.carries(attack, aIds);
                List<String> differences = aimsAtA ? Problems.differences(onA, onNothing, randoms) : List.of();
                List<String> shown = Problems.secrets(onA, secrets);

                if (onA.is2xx() && aimsAtA && (Calls.pathCarries(attack, aIds) || !differences.isEmpty())) {
                    crossTenant2xx++;
                    findings.add("cross-tenant " + onA.status() + " on " + e + ":\n    " + onA.exchange());
                }
                if (!differences.isEmpty()) {
                    distinguishable++;
                    findings.add("distinguishable from a random id on " + e + ": " + differences
                            + "\n    A's ids: " + onA.exchange() + "\n    random:  " + onNothing.exchange());
                }
                if (!shown.isEmpty()) {
                    leaks++;
                    findings.add("A's data in B's answer on " + e + ": " + shown + "\n    " + onA.exchange());
                }
                table.add(String.format("  %-62s %s  A:%d random:%d", e.key(), aimsAtA ? "aimed" : "own  ",
                        onA.status(), onNothing.status()));
            }
        }
        Snapshot after = Snapshot.settled(a);
        List<String> changes = after.changesSince(before);
        changes.forEach(c -> findings.add("A changed: " + c));

        System.out.println("bola matrix (B's owner with A's ids, then with random ids):");
        table.forEach(System.out::println);
        if (!a.waiting.isEmpty()) {
            System.out.println("attack: bola waiting for " + a.waiting);
        }
        System.out.printf("attack: bola operations=%d requests=%d cross-tenant-2xx=%d distinguishable=%d rows-changed=%d leaks=%d%n",
                api.endpoints.size(), requests, crossTenant2xx, distinguishable, changes.size(), leaks);
        findings.forEach(f -> System.out.println("attack: bola finding: " + f));
        assertThat(findings).as("BOLA findings").isEmpty();
    }

    /** Idempotency keys are the tenant's own: B reusing A's key gets its own answer, never A's replayed. */
    @Test
    void anIdempotencyKeyOfAnotherTenantReplaysNothing() {
        World first = World.signUp(api, "A idempotency");
        World second = World.signUp(api, "B idempotency");
        String key = "shared-" + Bodies.unique();
        Wire.Reply mine = Wire.send(first.owner.on(Wire.post("/api/projects")).header("Idempotency-Key", key)
                .json(java.util.Map.of("name", "First's", "key", World.projectKey())));
        Wire.Reply theirs = Wire.send(second.owner.on(Wire.post("/api/projects")).header("Idempotency-Key", key)
                .json(java.util.Map.of("name", "Second's", "key", World.projectKey())));
        assertThat(mine.status()).isEqualTo(201);
        assertThat(theirs.status()).as(theirs.exchange()).isEqualTo(201);
        assertThat(theirs.header("Idempotent-Replayed")).as("replayed across tenants").isNull();
        assertThat(theirs.json().path("id").asText()).isNotEqualTo(mine.json().path("id").asText());
        second.track(theirs);
        Wire.Reply seen = second.readYourWrites(second.owner.on(Wire.get("/api/projects")));
        assertThat(seen.body()).contains("Second's").doesNotContain("First's");
    }

    /** One way to fill a call: the path parameters' values, and whether every query parameter gets one of A's ids. */
    record Variant(Function<String, String> pathValue, boolean idsInEveryQueryParameter) {}

    /**
     * A's id for each id-like path parameter and any of A's ids for the rest; when a path parameter
     * is not an id (a projector's name), also its real value, so the ids after it are reached; when
     * the operation has query parameters that are not ids, also A's ids in all of them.
     */
    private static List<Variant> variants(ServedApi.Endpoint e) {
        Function<String, String> ids = name -> a.id(name).orElse(a.tenantId).toString();
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant(ids, false));
        Set<String> nonIds = new LinkedHashSet<>();
        for (String p : e.pathParameterNames()) {
            if (a.id(p).isEmpty() && !a.pathValue(p).equals(a.tenantId.toString())) {
                nonIds.add(p);
            }
        }
        if (!nonIds.isEmpty()) {
            variants.add(new Variant(name -> nonIds.contains(name) ? a.pathValue(name) : ids.apply(name), false));
        }
        if (e.in("query").stream().anyMatch(q -> !Calls.idLike(q))) {
            variants.add(new Variant(ids, true));
        }
        return variants;
    }

    /** Reads first, then writes, then deletions, then whatever acts on a tenant as a whole (closing it last). */
    private static int attackOrder(ServedApi.Endpoint e) {
        if (e.isRead()) {
            return 0;
        }
        if (e.path().contains("{tenantId}")) {
            return e.path().endsWith("/close") ? 4 : 3;
        }
        return e.method().equals("DELETE") ? 2 : 1;
    }
}
