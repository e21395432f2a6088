package io.tandem.it;

import static io.tandem.it.TandemClient.awaitBoard;
import static io.tandem.it.TandemClient.awaitJson;
import static io.tandem.it.TandemClient.createProject;
import static io.tandem.it.TandemClient.createTask;
import static io.tandem.it.TandemClient.move;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The first vertical slice end to end: HTTP in, handler, event log, relay, JMS, projector MDBs, read models, HTTP out. */
class TrackerFlowIT {

    @Test
    void movesShowUpOnTheBoardThroughTheReadModel() {
        var tenant = TandemClient.signUp();
        var project = createProject(tenant, "Platform");
        var t1 = createTask(tenant, project.id(), "Provision servers");
        var t2 = createTask(tenant, project.id(), "Write runbook");
        var t3 = createTask(tenant, project.id(), "Ship it");
        assertThat(List.of(project.position(), t1.position(), t2.position(), t3.position())).isSorted();

        awaitBoard(tenant, project.id(), 3, 0, 0);

        var m1 = TandemClient.written(move(tenant, t1.id(), "in_progress", 1), 200);
        assertThat(m1.version()).isEqualTo(2);
        TandemClient.written(move(tenant, t1.id(), "done", 2), 200);
        TandemClient.written(move(tenant, t2.id(), "in_progress", 1), 200);

        JsonPath board = awaitBoard(tenant, project.id(), 1, 1, 1);
        assertThat(board.getInt("total")).isEqualTo(3);
        assertThat(board.getString("key")).isNotBlank();
        List<Map<String, Object>> done = board.getList("columns.find { it.status == 'done' }.tasks");
        assertThat(done).singleElement().satisfies(card -> {
            assertThat(card.get("id")).isEqualTo(t1.id().toString());
            assertThat(card.get("version")).isEqualTo(3);
        });
    }

    @Test
    void everyLocationAWriteReturnsCanBeFetched() {
        var tenant = TandemClient.signUp();
        var project = createProject(tenant, "Locations");
        var task = createTask(tenant, project.id(), "Follow the link");

        assertThat(URI.create(project.location()).getPath()).isEqualTo("/api/projects/" + project.id());
        assertThat(URI.create(task.location()).getPath()).isEqualTo("/api/tasks/" + task.id());

        awaitJson(tenant, URI.create(project.location()).getPath(), p -> p.getLong("taskCount") == 1);
        JsonPath fetched = awaitJson(tenant, URI.create(task.location()).getPath(), t -> t.getLong("version") == 1);
        assertThat(fetched.getString("status")).isEqualTo("todo");
        assertThat(fetched.getString("projectId")).isEqualTo(project.id().toString());

        tenant.as().get("/api/tenants/{id}", tenant.id()).then().statusCode(200).body("id", equalTo(tenant.id().toString()));
    }

    @Test
    void taskReadsCarryTheAggregateVersionAsETag() {
        var tenant = TandemClient.signUp();
        var project = createProject(tenant, "ETags");
        var task = createTask(tenant, project.id(), "Tag me");
        TandemClient.written(move(tenant, task.id(), "in_progress", 1), 200);

        awaitJson(tenant, "/api/tasks/{id}", t -> t.getLong("version") == 2, task.id());
        tenant.as().get("/api/tasks/{id}", task.id()).then().statusCode(200).header("ETag", "\"2\"");
    }

    @Test
    void tasksCarryAPriorityThatDefaultsToNormal() {
        var tenant = TandemClient.signUp();
        var project = createProject(tenant, "Priorities");
        var urgent = TandemClient.written(tenant.as().body(java.util.Map.of("title", "Urgent", "priority", "high"))
                .post("/api/projects/{id}/tasks", project.id()), 201);
        var plain = createTask(tenant, project.id(), "Plain");
        tenant.as().header("Tandem-Min-Position", plain.position()).get("/api/tasks/{id}", urgent.id())
                .then().statusCode(200).body("priority", equalTo("high"));
        tenant.as().header("Tandem-Min-Position", plain.position()).get("/api/tasks/{id}", plain.id())
                .then().statusCode(200).body("priority", equalTo("normal"));
        assertThat(TandemClient.events(tenant, "TaskCreated")).extracting(e -> e.get("schemaVersion")).containsOnly(2);
    }

    @Test
    void projectListIsOrderedByKeyAndPaged() {
        var tenant = TandemClient.signUp();
        for (String name : List.of("One", "Two", "Three")) {
            createProject(tenant, name);
        }
        JsonPath page = awaitJson(tenant, "/api/projects", p -> p.getList("items").size() == 3);
        List<String> keys = page.getList("items.key");
        assertThat(keys).isSorted();
        tenant.as().queryParam("limit", 2).get("/api/projects").then().statusCode(200).body("items.size()", equalTo(2));
        tenant.as().queryParam("offset", 2).queryParam("limit", 2).get("/api/projects").then().statusCode(200)
                .body("items.size()", equalTo(1));
    }

    @Test
    void theEventStreamRecordsEachCommandWithItsIdentity() {
        var tenant = TandemClient.signUp();
        var project = createProject(tenant, "Stream");
        var task = createTask(tenant, project.id(), "Emit");
        TandemClient.written(move(tenant, task.id(), "in_progress", 1), 200);

        var moved = TandemClient.events(tenant, "TaskMoved");
        assertThat(moved).singleElement().satisfies(e -> {
            assertThat(e.get("aggregateId")).isEqualTo(task.id().toString());
            assertThat(e.get("aggregateVersion")).isEqualTo(2);
            assertThat(e.get("eventId")).isNotNull();
            assertThat(e.get("correlationId")).isNotNull();
            assertThat(e.get("occurredAt")).isNotNull();
            assertThat(e.get("schemaVersion")).isEqualTo(1); // TaskMoved has not changed shape
            @SuppressWarnings("unchecked")
            Map<String, Object> payload = (Map<String, Object>) e.get("payload");
            assertThat(payload).containsEntry("from", "todo").containsEntry("to", "in_progress");
        });
        assertThat(TandemClient.events(tenant, "TenantSignedUp")).hasSize(1);
        assertThat(TandemClient.events(tenant, "ProjectCreated")).hasSize(1);
    }
}
