package io.tandem.it;

import static io.restassured.RestAssured.given;
import static io.tandem.it.TandemClient.awaitJson;
import static io.tandem.it.TandemClient.createProject;
import static io.tandem.it.TandemClient.signUp;
import static io.tandem.it.TandemClient.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The tenancy context through the API: invitations, roles and their rules, API keys (issue, list,
 * revoke, expiry), renaming, suspension, closing with export, and the audit log. Every check is
 * made through HTTP, so it covers the filters, the handlers, the events and the read models.
 */
class TenancyIT {
    static RequestSpecification key(String apiKey) {
        return given().header("Authorization", "Bearer " + apiKey).contentType(ContentType.JSON);
    }

    record Joined(UUID memberId, String apiKey) {}

    static Joined invite(TandemClient.Tenant t, String role) {
        JsonPath invitation = t.as().body(Map.of("email", "m-" + unique() + "@example.test", "role", role))
                .post("/api/invitations").then().statusCode(201).extract().jsonPath();
        assertThat(invitation.getString("token")).startsWith("tdi_" + t.id() + "_");
        JsonPath joined = given().contentType(ContentType.JSON).body(Map.of("token", invitation.getString("token")))
                .post("/api/invitations/accept").then().statusCode(201).extract().jsonPath();
        assertThat(joined.getString("tenantId")).isEqualTo(t.id().toString());
        return new Joined(UUID.fromString(joined.getString("memberId")), joined.getString("apiKey"));
    }

    @Test
    void anInvitedMemberJoinsWithTheInvitedRoleAndTheTokenWorksOnce() {
        var t = signUp();
        JsonPath invitation = t.as().body(Map.of("email", "once-" + unique() + "@example.test", "role", "member"))
                .post("/api/invitations").then().statusCode(201).extract().jsonPath();
        String token = invitation.getString("token");
        JsonPath joined = given().contentType(ContentType.JSON).body(Map.of("token", token))
                .post("/api/invitations/accept").then().statusCode(201).extract().jsonPath();

        given().contentType(ContentType.JSON).body(Map.of("token", token))
                .post("/api/invitations/accept").then().statusCode(409);
        // A token for a tenant that does not hold it, or a garbled one, finds nothing.
        given().contentType(ContentType.JSON).body(Map.of("token", token.replace(t.id().toString(), UUID.randomUUID().toString())))
                .post("/api/invitations/accept").then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("token", "tdi_nonsense"))
                .post("/api/invitations/accept").then().statusCode(404);

        String memberKey = joined.getString("apiKey");
        key(memberKey).body(Map.of("name", "By a member", "key", TandemClient.projectKey())).post("/api/projects")
                .then().statusCode(201);
        JsonPath members = awaitJson(t, "/api/members", j -> j.getList("items").size() == 2);
        assertThat(members.getList("items.role", String.class)).containsExactlyInAnyOrder("owner", "member");
    }

    @Test
    void aViewerReadsButCannotWriteAndTheRefusalIsAudited() {
        var t = signUp();
        Joined viewer = invite(t, "viewer");
        key(viewer.apiKey()).get("/api/projects").then().statusCode(200);
        key(viewer.apiKey()).body(Map.of("name", "Nope", "key", TandemClient.projectKey())).post("/api/projects")
                .then().statusCode(403).contentType("application/problem+json");
        key(viewer.apiKey()).get("/api/api-keys").then().statusCode(403);

        JsonPath audit = awaitJson(t, "/api/audit", j -> j.getList("items.outcome").contains("refused"));
        Map<String, Object> refused = audit.<Map<String, Object>>getList("items").stream()
                .filter(e -> "refused".equals(e.get("outcome"))).findFirst().orElseThrow();
        assertThat(refused.get("actor")).isEqualTo("apikey:" + apiKeyIdOf(t, viewer.memberId()));
        assertThat((String) refused.get("detail")).contains("forbidden");
    }

    @Test
    void onlyAnOwnerTouchesOwnersAndTheLastOwnerStays() {
        var t = signUp();
        Joined admin = invite(t, "admin");
        UUID ownerId = ownerOf(t);
        // An admin cannot invite an owner, demote the owner or remove them.
        key(admin.apiKey()).body(Map.of("email", "o-" + unique() + "@example.test", "role", "owner"))
                .post("/api/invitations").then().statusCode(403);
        key(admin.apiKey()).body(Map.of("role", "member")).put("/api/members/{id}/role", ownerId).then().statusCode(403);
        key(admin.apiKey()).delete("/api/members/{id}", ownerId).then().statusCode(403);
        // The only owner cannot step down or leave.
        t.as().body(Map.of("role", "admin")).put("/api/members/{id}/role", ownerId).then().statusCode(409);
        t.as().delete("/api/members/{id}", ownerId).then().statusCode(409);
        // With a second owner, the first may step down.
        t.as().body(Map.of("role", "owner")).put("/api/members/{id}/role", admin.memberId()).then().statusCode(200);
        t.as().body(Map.of("role", "admin")).put("/api/members/{id}/role", ownerId).then().statusCode(200);
        // The old owner's key is capped by their new role at once: admins cannot export or close.
        t.as().get("/api/tenants/{id}/export", t.id()).then().statusCode(403);
        // A member's first key follows the member's role: the promoted admin now exports as an owner.
        key(admin.apiKey()).get("/api/tenants/{id}/export", t.id()).then().statusCode(200);
        // A key issued with a role keeps it, capped by the member's: a viewer key stays a viewer key.
        String viewerKey = key(admin.apiKey()).body(Map.of("name", "read only", "role", "viewer"))
                .post("/api/api-keys").then().statusCode(201).extract().path("apiKey");
        key(viewerKey).get("/api/tenants/{id}/export", t.id()).then().statusCode(403);
        key(viewerKey).get("/api/projects").then().statusCode(200);
    }

    @Test
    void removingAMemberRevokesTheirKeysAtOnce() {
        var t = signUp();
        Joined member = invite(t, "member");
        key(member.apiKey()).get("/api/projects").then().statusCode(200);
        t.as().delete("/api/members/{id}", member.memberId()).then().statusCode(200);
        key(member.apiKey()).get("/api/projects").then().statusCode(401).header("WWW-Authenticate", "Bearer realm=\"tandem\"");
        awaitJson(t, "/api/members", j -> j.getList("items").size() == 1);
        JsonPath keys = awaitJson(t, "/api/api-keys", j -> j.getList("items.revokedAt").stream().anyMatch(v -> v != null));
        assertThat(keys.getList("items").toString()).doesNotContain("secret", "hash");
    }

    @Test
    void apiKeysAreIssuedListedRevokedAndExpire() {
        var t = signUp();
        JsonPath issued = t.as().body(Map.of("name", "ci", "role", "viewer"))
                .post("/api/api-keys").then().statusCode(201).extract().jsonPath();
        String ciKey = issued.getString("apiKey");
        assertThat(ciKey).startsWith("tdm_" + issued.getString("prefix") + "_");
        key(ciKey).get("/api/projects").then().statusCode(200);
        key(ciKey).body(Map.of("name", "x", "key", TandemClient.projectKey())).post("/api/projects").then().statusCode(403);

        JsonPath list = awaitJson(t, "/api/api-keys", j -> j.getList("items").size() == 2);
        assertThat(list.getList("items.name", String.class)).containsExactlyInAnyOrder("sign-up", "ci");
        assertThat(list.prettify()).doesNotContain(ciKey.substring(15));

        t.as().delete("/api/api-keys/{id}", issued.getString("apiKeyId")).then().statusCode(200);
        key(ciKey).get("/api/projects").then().statusCode(401);
        t.as().delete("/api/api-keys/{id}", issued.getString("apiKeyId")).then().statusCode(409);

        // Expiry: a key that expires in two seconds works, then stops.
        String expiring = t.as().body(Map.of("name", "short", "role", "member",
                        "expiresAt", Instant.now().plusSeconds(2).toString()))
                .post("/api/api-keys").then().statusCode(201).extract().path("apiKey");
        key(expiring).get("/api/projects").then().statusCode(200);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> key(expiring).get("/api/projects").statusCode() == 401);
        // Past expiry and more power than the caller are refused up front.
        t.as().body(Map.of("name", "past", "role", "member", "expiresAt", "2001-01-01T00:00:00Z"))
                .post("/api/api-keys").then().statusCode(400);
        Joined member = invite(t, "member");
        key(member.apiKey()).body(Map.of("name", "up", "role", "admin")).post("/api/api-keys").then().statusCode(403);
    }

    @Test
    void theOperatorSuspendsAndReactivatesATenant() {
        var t = signUp();
        var other = signUp();
        RequestSpecification operator = key(OperatorIT.KEY);
        operator.body(Map.of("reason", "unpaid")).post("/api/admin/tenants/{id}/suspend", t.id()).then().statusCode(200);
        t.as().get("/api/projects").then().statusCode(401);
        other.as().get("/api/projects").then().statusCode(200);
        key(OperatorIT.KEY).body(Map.of("reason", "again")).post("/api/admin/tenants/{id}/suspend", t.id()).then().statusCode(409);
        key(OperatorIT.KEY).post("/api/admin/tenants/{id}/reactivate", t.id()).then().statusCode(200);
        t.as().get("/api/projects").then().statusCode(200);
        JsonPath directory = awaitJsonAsOperator(j -> j.getList("items.id").contains(t.id().toString()));
        assertThat(directory.getList("items.id")).contains(other.id().toString());
        // Tenants cannot reach the operator's operations.
        t.as().get("/api/admin/tenants").then().statusCode(403);
        t.as().body(Map.of("reason", "x")).post("/api/admin/tenants/{id}/suspend", other.id()).then().statusCode(403);
    }

    /** Read-model rows come in primary-key order, so two exports of an unchanged tenant are equal. */
    @Test
    void anExportListsReadModelRowsInKeyOrderAndRepeatsItself() {
        var t = signUp();
        var project = createProject(t, "Ordered export");
        for (int i = 0; i < 8; i++) {
            TandemClient.createTask(t, project.id(), "Task " + i);
        }
        TandemClient.awaitBoard(t, project.id(), 8, 0, 0);
        JsonPath first = t.as().get("/api/tenants/{id}/export", t.id()).then().statusCode(200).extract().jsonPath();
        List<String> taskIds = first.getList("readModels.task_board.task_id", String.class);
        assertThat(taskIds).hasSize(8).isSorted();
        assertThat(first.getList("readModels.tenant_audit_log.global_position", Long.class)).isSorted();
        for (int i = 0; i < 5; i++) {
            JsonPath again = t.as().get("/api/tenants/{id}/export", t.id()).then().statusCode(200).extract().jsonPath();
            assertThat(again.getList("readModels.task_board.task_id", String.class)).isEqualTo(taskIds);
            assertThat(again.getMap("readModels")).isEqualTo(first.getMap("readModels"));
        }
    }

    @Test
    void closingExportsEverythingThenErasesTheTenant() {
        var t = signUp();
        var project = createProject(t, "Export me");
        TandemClient.createTask(t, project.id(), "Task to export");
        String name = t.as().get("/api/tenants/{id}", t.id()).then().statusCode(200).extract().path("name");
        t.as().body(Map.of("confirmName", "not the name")).post("/api/tenants/{id}/close", t.id()).then().statusCode(409);

        TandemClient.awaitBoard(t, project.id(), 1, 0, 0);
        Response closed = t.as().body(Map.of("confirmName", name)).post("/api/tenants/{id}/close", t.id());
        closed.then().statusCode(200);
        JsonPath export = closed.jsonPath();
        assertThat(export.getList("events.eventType", String.class))
                .contains("TenantSignedUp", "MemberJoined", "ApiKeyIssued", "ProjectCreated", "TaskCreated");
        assertThat(export.getList("readModels.task_board.title", String.class)).contains("Task to export");
        assertThat(export.getList("readModels.project_list.name", String.class)).contains("Export me");

        t.as().get("/api/projects").then().statusCode(401);
        JsonPath directory = awaitJsonAsOperator(j -> "closed".equals(statusOf(j, t.id())));
        assertThat(directory.prettify()).doesNotContain(name);
        // The directory keeps the tombstone; its member count comes from the member list, erased with the rest.
        Map<String, Object> row = directory.<Map<String, Object>>getList("items").stream()
                .filter(r -> t.id().toString().equals(r.get("id"))).findFirst().orElseThrow();
        assertThat(row).containsEntry("name", "closed tenant").containsEntry("memberCount", 0);

        // The erasure left the tenant's log starting at its closing event (a version above 1): a
        // rebuild from the log must accept that, and rebuild what live projection left.
        OperatorIT.settleEveryProjection();
        for (String projector : OperatorIT.projectors()) {
            String before = OperatorIT.operator().get("/api/admin/projections/{n}/fingerprint", projector).jsonPath()
                    .getString("sha256");
            OperatorIT.rebuildForAllTenants(projector);
            assertThat(OperatorIT.operator().get("/api/admin/projections/{n}/fingerprint", projector).jsonPath()
                    .getString("sha256")).as(projector).isEqualTo(before);
        }
        assertThat(awaitJsonAsOperator(j -> "closed".equals(statusOf(j, t.id()))).prettify()).doesNotContain(name);
    }

    @Test
    void renamingShowsInTheTenantReadModel() {
        var t = signUp();
        String newName = "Renamed " + unique();
        t.as().body(Map.of("name", newName)).post("/api/tenants/{id}/rename", t.id()).then().statusCode(200);
        awaitJson(t, "/api/tenants/{id}", j -> newName.equals(j.getString("name")), t.id());
        var other = signUp();
        other.as().body(Map.of("name", "hijack")).post("/api/tenants/{id}/rename", t.id()).then().statusCode(404);
    }

    private static JsonPath awaitJsonAsOperator(java.util.function.Predicate<JsonPath> condition) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(TandemClient.PROJECTION_DEADLINE).pollInterval(Duration.ofMillis(100)).until(() -> {
            Response r = key(OperatorIT.KEY).get("/api/admin/tenants?limit=200&offset=" + Math.max(0, directorySize() - 200));
            last[0] = r.jsonPath();
            return r.statusCode() == 200 && condition.test(last[0]);
        });
        return last[0];
    }

    private static int directorySize() {
        int offset = 0;
        while (true) {
            List<Object> page = key(OperatorIT.KEY).get("/api/admin/tenants?limit=200&offset=" + offset).jsonPath().getList("items");
            if (page.size() < 200) {
                return offset + page.size();
            }
            offset += 200;
        }
    }

    private static String statusOf(JsonPath directory, UUID tenantId) {
        return directory.<Map<String, Object>>getList("items").stream()
                .filter(r -> tenantId.toString().equals(r.get("id")))
                .map(r -> (String) r.get("status"))
                .findFirst().orElse(null);
    }

    private static UUID ownerOf(TandemClient.Tenant t) {
        JsonPath members = awaitJson(t, "/api/members", j -> j.getList("items.role").contains("owner"));
        return UUID.fromString(members.<Map<String, Object>>getList("items").stream()
                .filter(m -> "owner".equals(m.get("role"))).map(m -> (String) m.get("memberId")).findFirst().orElseThrow());
    }

    private static String apiKeyIdOf(TandemClient.Tenant t, UUID memberId) {
        JsonPath keys = awaitJson(t, "/api/api-keys", j -> j.getList("items.memberId").contains(memberId.toString()));
        return keys.<Map<String, Object>>getList("items").stream()
                .filter(k -> memberId.toString().equals(k.get("memberId"))).map(k -> (String) k.get("apiKeyId"))
                .findFirst().orElseThrow();
    }
}
