package io.tandem.it;

import static io.restassured.RestAssured.given;
import static io.tandem.it.TandemClient.awaitBoard;
import static io.tandem.it.TandemClient.awaitJson;
import static io.tandem.it.TandemClient.createProject;
import static io.tandem.it.TandemClient.createTask;
import static io.tandem.it.TandemClient.move;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tenant B, authenticated with its own valid key, tries every endpoint of the slice against tenant
 * A's ids. Every attempt must look exactly like asking for an id that does not exist, and change
 * nothing of A's.
 */
class TenantIsolationIT {
    static TandemClient.Tenant a;
    static TandemClient.Tenant b;
    static TandemClient.Written projectOfA;
    static TandemClient.Written taskOfA;

    @BeforeAll
    static void twoTenants() {
        a = TandemClient.signUp();
        b = TandemClient.signUp();
        projectOfA = createProject(a, "Secret plans");
        taskOfA = createTask(a, projectOfA.id(), "Secret task");
        awaitBoard(a, projectOfA.id(), 1, 0, 0);
    }

    @Test
    void tenantCannotReadAnotherTenantsProject() {
        assertLooksMissing(() -> b.as().get("/api/projects/{id}", projectOfA.id()), "projectId");
    }

    @Test
    void tenantCannotReadAnotherTenantsBoard() {
        assertLooksMissing(() -> b.as().get("/api/projects/{id}/board", projectOfA.id()), "projectId");
    }

    @Test
    void tenantCannotReadAnotherTenantsTask() {
        assertLooksMissing(() -> b.as().get("/api/tasks/{id}", taskOfA.id()), "taskId");
    }

    @Test
    void tenantCannotReadAnotherTenant() {
        assertLooksMissing(() -> b.as().get("/api/tenants/{id}", a.id()), "tenantId");
    }

    @Test
    void tenantCannotMoveAnotherTenantsTask() {
        assertLooksMissing(() -> move(b, taskOfA.id(), "in_progress", 1), "taskId");
        a.as().get("/api/tasks/{id}", taskOfA.id()).then().statusCode(200).body("status", equalTo("todo"))
                .body("version", equalTo(1));
    }

    @Test
    void tenantCannotAddTasksToAnotherTenantsProject() {
        assertLooksMissing(() -> b.as().body(Map.of("title", "Planted")).post("/api/projects/{id}/tasks", projectOfA.id()),
                "projectId");
        // A barrier: a later command of A's, once projected, proves the board had its chance to change.
        var marker = createTask(a, projectOfA.id(), "Marker");
        var board = awaitJson(a, "/api/projects/{id}/board", j -> j.getInt("total") >= 2, projectOfA.id());
        assertThat(board.getList("columns.tasks.flatten().title", String.class)).doesNotContain("Planted");
        move(a, marker.id(), "in_progress", 1).then().statusCode(200);
    }

    @Test
    void listsAndEventStreamsContainOnlyTheCallersData() {
        var ownProject = createProject(b, "Mine");
        awaitJson(b, "/api/projects", p -> p.getList("items").size() == 1);
        assertThat(b.as().get("/api/projects").jsonPath().getList("items.id", String.class))
                .containsExactly(ownProject.id().toString());
        assertThat(b.as().queryParam("limit", 200).get("/api/events").jsonPath().getList("items.aggregateId", String.class))
                .doesNotContain(projectOfA.id().toString(), taskOfA.id().toString(), a.id().toString());
    }

    @Test
    void requestsWithoutAValidKeyAreUnauthorized() {
        for (String header : new String[] {null, "Bearer nonsense", "Basic dXNlcjpwYXNz",
                "Bearer tdm_aaaaaaaaaa_" + "A".repeat(43), "Bearer " + a.apiKey() + "x"}) {
            var request = given();
            if (header != null) {
                request = request.header("Authorization", header);
            }
            request.get("/api/projects/{id}", projectOfA.id()).then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer realm=\"tandem\"");
        }
    }

    /** Same status, same problem type, same field as for an id nobody has; none of A's data. */
    private static void assertLooksMissing(Supplier<Response> call, String field) {
        Response r = call.get();
        r.then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:tandem:problem:not-found"))
                .body("errors[0].field", equalTo(field));
        assertThat(r.asString()).doesNotContain("Secret", "Tenant ");
    }

    @Test
    void anUnknownIdLooksTheSameAsAForeignOne() {
        UUID nobody = UUID.randomUUID();
        Response foreign = b.as().get("/api/projects/{id}", projectOfA.id());
        Response unknown = b.as().get("/api/projects/{id}", nobody);
        assertThat(foreign.statusCode()).isEqualTo(unknown.statusCode());
        assertThat(foreign.jsonPath().getString("type")).isEqualTo(unknown.jsonPath().getString("type"));
        assertThat(foreign.jsonPath().getString("detail").replace(projectOfA.id().toString(), "ID"))
                .isEqualTo(unknown.jsonPath().getString("detail").replace(nobody.toString(), "ID"));
    }
}
