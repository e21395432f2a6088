package io.tandem.it;

import static io.tandem.it.TandemClient.createProject;
import static io.tandem.it.TandemClient.createTask;
import static io.tandem.it.TandemClient.move;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.response.Response;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input of any kind is a 4xx problem naming what is wrong, never a 500 or a stack trace. */
class BadInputIT {
    static TandemClient.Tenant tenant;
    static TandemClient.Written project;

    @BeforeAll
    static void setUp() {
        tenant = TandemClient.signUp();
        project = createProject(tenant, "Input checks");
    }

    @ParameterizedTest(name = "{0} -> {1} on {2}")
    @CsvSource(delimiter = '|', value = {
        "{bad json                                  | body",
        "[]                                         | body",
        "'\"just a string\"'                        | body",
        "{}                                         | key",
        "{\"name\": 5, \"key\": \"OK1\"}            | name",
        "{\"name\": \"x\", \"key\": [1]}            | key",
        "{\"name\": \"x\", \"key\": \"lower\"}      | key",
        "{\"name\": \"\", \"key\": \"OKAY\"}        | name",
        "{\"name\": \"x\", \"key\": \"OK\", \"tenantId\": \"00000000-0000-0000-0000-000000000000\"} | tenantId",
        "{\"name\": \"x\", \"key\": \"OK\", \"version\": 7} | version",
        "{\"name\": \"a\\u0000b\", \"key\": \"OK\"} | name",
    })
    void rejectsBadProjectBodiesNamingTheField(String body, String field) {
        Response r = tenant.as().body(body).post("/api/projects");
        assertProblem(r, 400).body("errors.field", hasItem(field));
    }

    @Test
    void rejectsAnEmptyBody() {
        assertProblem(tenant.as().post("/api/projects"), 400).body("errors[0].field", equalTo("body"));
    }

    @Test
    void rejectsOversizedFields() {
        String longTitle = "x".repeat(201);
        assertProblem(tenant.as().body("{\"title\": \"" + longTitle + "\"}").post("/api/projects/{id}/tasks", project.id()), 400)
                .body("errors[0].field", equalTo("title"));
        String longDescription = "y".repeat(10_001);
        assertProblem(tenant.as().body("{\"title\": \"t\", \"description\": \"" + longDescription + "\"}")
                        .post("/api/projects/{id}/tasks", project.id()), 400)
                .body("errors[0].field", equalTo("description"));
    }

    @Test
    void rejectsOversizedBodies() {
        String huge = "{\"title\": \"" + "z".repeat(70_000) + "\"}";
        Response r = tenant.as().body(huge).post("/api/projects/{id}/tasks", project.id());
        assertThat(r.statusCode()).isIn(400, 413);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void rejectsAnUnknownPriorityNamingIt() {
        assertProblem(tenant.as().body("{\"title\": \"t\", \"priority\": \"urgent\"}")
                        .post("/api/projects/{id}/tasks", project.id()), 400)
                .body("errors[0].field", equalTo("priority"));
    }

    @Test
    void rejectsUnknownIdsAsNotFound() {
        assertProblem(tenant.as().body("{\"title\": \"orphan\"}").post("/api/projects/{id}/tasks", UUID.randomUUID()), 404)
                .body("errors[0].field", equalTo("projectId"));
        assertProblem(move(tenant, UUID.randomUUID(), "done", 1), 404).body("errors[0].field", equalTo("taskId"));
        assertProblem(tenant.as().get("/api/tasks/not-a-uuid"), 404);
        assertProblem(tenant.as().get("/api/nowhere"), 404);
    }

    @Test
    void rejectsBadPagingNamingTheParameter() {
        assertProblem(tenant.as().queryParam("limit", "lots").get("/api/projects"), 400)
                .body("errors[0].field", equalTo("limit"));
        assertProblem(tenant.as().queryParam("limit", 100_000).get("/api/projects"), 400)
                .body("errors[0].field", equalTo("limit"));
        assertProblem(tenant.as().queryParam("offset", -1).get("/api/projects"), 400)
                .body("errors[0].field", equalTo("offset"));
        assertProblem(tenant.as().queryParam("after", "x").get("/api/events"), 400)
                .body("errors[0].field", equalTo("after"));
    }

    @Test
    void refusesADuplicateProjectKey() {
        String key = TandemClient.projectKey();
        tenant.as().body("{\"name\": \"first\", \"key\": \"" + key + "\"}").post("/api/projects").then().statusCode(201);
        assertProblem(tenant.as().body("{\"name\": \"second\", \"key\": \"" + key + "\"}").post("/api/projects"), 409)
                .body("errors[0].field", equalTo("key"));
    }

    @Test
    void movesNeedACurrentIfMatchAndALegalStatus() {
        var task = createTask(tenant, project.id(), "Precondition");
        assertProblem(tenant.as().body("{\"status\": \"in_progress\"}").post("/api/tasks/{id}/move", task.id()), 428)
                .body("errors[0].field", equalTo("If-Match"));
        assertProblem(tenant.as().header("If-Match", "banana").body("{\"status\": \"in_progress\"}")
                        .post("/api/tasks/{id}/move", task.id()), 400)
                .body("errors[0].field", equalTo("If-Match"));
        assertProblem(move(tenant, task.id(), "in_progress", 7), 412).body("errors[0].field", equalTo("If-Match"));
        assertProblem(move(tenant, task.id(), "flying", 1), 400).body("errors[0].field", equalTo("status"));
        assertProblem(move(tenant, task.id(), "done", 1), 409).body("errors[0].field", equalTo("status"));
        assertProblem(move(tenant, task.id(), "todo", 1), 409).body("errors[0].field", equalTo("status"));

        // None of those left a trace: the task is still at version 1 and the next move applies to it.
        TandemClient.written(move(tenant, task.id(), "in_progress", 1), 200);
        assertProblem(move(tenant, task.id(), "done", 1), 412);
    }

    @Test
    void refusesWrongMediaTypesAndMethods() {
        assertProblem(tenant.as().contentType("text/plain").body("hello").post("/api/projects"), 415);
        assertProblem(tenant.as().delete("/api/projects"), 405);
    }

    static io.restassured.response.ValidatableResponse assertProblem(Response r, int status) {
        String body = r.asString();
        assertThat(body).doesNotContain("Exception", "at io.", "at org.", "SQL", "jakarta.");
        return r.then().statusCode(status).contentType("application/problem+json").body("status", equalTo(status));
    }
}
