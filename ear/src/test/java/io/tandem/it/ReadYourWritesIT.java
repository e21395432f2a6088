package io.tandem.it;

import static io.tandem.it.TandemClient.createProject;
import static io.tandem.it.TandemClient.createTask;
import static io.tandem.it.TandemClient.move;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A read sent with the position its write returned sees that write, at once, without polling;
 * one that cannot be satisfied within the bound gets 503 with Retry-After.
 */
class ReadYourWritesIT {
    static final String MIN_POSITION = "Tandem-Min-Position";

    @Test
    void aReadWithTheWritesPositionSeesTheWrite() {
        var tenant = TandemClient.signUp();
        var project = createProject(tenant, "Read your writes");
        for (int i = 0; i < 10; i++) {
            var task = createTask(tenant, project.id(), "Task " + i);
            tenant.as().header(MIN_POSITION, task.position()).get("/api/tasks/{id}", task.id())
                    .then().statusCode(200).body("version", equalTo(1)).body("status", equalTo("todo"));

            var moved = TandemClient.written(move(tenant, task.id(), "in_progress", 1), 200);
            tenant.as().header(MIN_POSITION, moved.position()).get("/api/tasks/{id}", task.id())
                    .then().statusCode(200).body("version", equalTo(2)).body("status", equalTo("in_progress"));

            var board = tenant.as().header(MIN_POSITION, moved.position()).get("/api/projects/{id}/board", project.id())
                    .then().statusCode(200).extract().jsonPath();
            assertThat(TandemClient.count(board, "in_progress")).isEqualTo(i + 1);
            tenant.as().header(MIN_POSITION, moved.position()).get("/api/projects/{id}", project.id())
                    .then().statusCode(200).body("taskCount", equalTo(i + 1));
        }
        tenant.as().header(MIN_POSITION, project.position()).get("/api/projects")
                .then().statusCode(200).body("items.size()", equalTo(1));
        tenant.as().header(MIN_POSITION, tenant.position()).get("/api/tenants/{id}", tenant.id())
                .then().statusCode(200).body("memberCount", equalTo(1));
    }

    @Test
    void aReadThatCannotCatchUpInTimeAnswers503WithRetryAfter() {
        var tenant = TandemClient.signUp();
        var project = createProject(tenant, "Poisoned");
        // Every projector fails on this event, on every delivery: the task board never reaches it.
        Response created = tenant.as().header("Tandem-Fault", "poison").body(Map.of("title", "Poison"))
                .post("/api/projects/{id}/tasks", project.id());
        created.then().statusCode(201);
        long position = Long.parseLong(created.getHeader("Tandem-Position"));
        String taskId = created.jsonPath().getString("id");

        long started = System.nanoTime();
        Response r = tenant.as().header(MIN_POSITION, position).get("/api/tasks/{id}", taskId);
        double waited = (System.nanoTime() - started) / 1e9;
        System.out.printf("read-your-writes: unreachable position answered %d after %.2f s%n", r.statusCode(), waited);
        r.then().statusCode(503).contentType("application/problem+json").header("Retry-After", "1")
                .body("errors[0].field", equalTo(MIN_POSITION));
        assertThat(waited).isBetween(1.5, 10.0);

        // Reads that do not depend on that read model are not held back by it.
        tenant.as().header(MIN_POSITION, project.position()).get("/api/projects/{id}", project.id())
                .then().statusCode(200);
    }

    @Test
    void aMalformedPositionIsABadRequestNamingTheHeader() {
        var tenant = TandemClient.signUp();
        tenant.as().header(MIN_POSITION, "soon").get("/api/projects")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(MIN_POSITION));
    }
}
