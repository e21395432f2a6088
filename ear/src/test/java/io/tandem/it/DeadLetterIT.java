package io.tandem.it;

import static io.tandem.it.TandemClient.awaitBoard;
import static io.tandem.it.TandemClient.awaitJson;
import static io.tandem.it.TandemClient.createProject;
import static io.tandem.it.TandemClient.createTask;
import static io.tandem.it.TandemClient.move;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A poison event (the test-only poison fault makes every live delivery fail; retries from the
 * parking lot are not poisoned, which stands for "after the fix") is attempted exactly
 * tandem.projection.max-attempts times (5), then parked; the later events of its aggregate are
 * held behind it; other aggregates keep flowing; a retry applies them in order; a skip is recorded.
 */
class DeadLetterIT {
    static final String BOARD = "task-board";

    /** A move whose event every projector fails on while it is delivered live. */
    private static Poisoned poisonedMove(TandemClient.Tenant t, java.util.UUID taskId, String status, long ifMatch) {
        return new Poisoned(t.as().header("Tandem-Fault", "poison").header("If-Match", "\"" + ifMatch + "\"")
                .body(Map.of("status", status)).post("/api/tasks/{id}/move", taskId));
    }

    private record Poisoned(io.restassured.response.Response r) {}

    static JsonPath awaitParked(TandemClient.Tenant t, String projector, int count) {
        return awaitJson(t, "/api/admin/projections/{name}/parked",
                p -> p.getList("$").size() == count, projector);
    }

    @Test
    void aPoisonEventIsParkedAfterFiveAttemptsHoldsItsAggregateAndIsAppliedInOrderOnRetry() {
        var tenant = TandemClient.signUp();
        var project = createProject(tenant, "Poison");
        var task = createTask(tenant, project.id(), "Poisoned");
        awaitBoard(tenant, project.id(), 1, 0, 0);

        poisonedMove(tenant, task.id(), "in_progress", 1).r().then().statusCode(200);
        TandemClient.written(move(tenant, task.id(), "done", 2), 200);

        // Other aggregates are not held up.
        var other = createTask(tenant, project.id(), "Unaffected");
        var seen = awaitJson(tenant, "/api/tasks/{id}", j -> j.getLong("version") == 1, other.id());
        assertThat(seen.getString("title")).isEqualTo("Unaffected");

        JsonPath parked = awaitParked(tenant, BOARD, 2);
        List<Map<String, Object>> rows = parked.getList("$");
        assertThat(rows).extracting(r -> r.get("aggregateVersion")).containsExactly(2, 3);
        assertThat(rows.get(0)).containsEntry("reason", "failed").containsEntry("attempts", 5);
        assertThat((String) rows.get(0).get("error")).contains("injected fault at poison");
        assertThat(rows.get(1)).containsEntry("reason", "held");
        // The board still shows the task as it was before the poison event.
        tenant.as().get("/api/tasks/{id}", task.id()).then().statusCode(200).body("version", equalTo(1))
                .body("status", equalTo("todo"));

        JsonPath status = tenant.as().get("/api/admin/projections").then().statusCode(200).extract().jsonPath();
        assertThat(status.getInt("find { it.name == 'task-board' }.parked")).isEqualTo(2);
        assertThat(status.getString("find { it.name == 'task-board' }.state")).isEqualTo("parked");
        assertThat(status.getLong("find { it.name == 'task-board' }.lagEvents")).isEqualTo(2);
        System.out.printf("dead letters: parked after %s attempts; status %s%n", rows.get(0).get("attempts"),
                status.getList("$"));

        JsonPath retried = tenant.as().post("/api/admin/projections/{name}/parked/retry", BOARD)
                .then().statusCode(200).extract().jsonPath();
        assertThat(retried.getList("outcomes.result", String.class)).containsExactly("retried", "retried");
        assertThat(retried.getList("outcomes.aggregateVersion", Integer.class)).containsExactly(2, 3);
        tenant.as().get("/api/tasks/{id}", task.id()).then().statusCode(200).body("version", equalTo(3))
                .body("status", equalTo("done"));

        // The project list follows tasks too: it parked the same chain; retrying it brings done to 1.
        awaitParked(tenant, "project-list", 2);
        tenant.as().post("/api/admin/projections/{name}/parked/retry", "project-list").then().statusCode(200);
        awaitJson(tenant, "/api/projects/{id}", p -> p.getLong("doneCount") == 1 && p.getLong("taskCount") == 2, project.id());
        // So does the audit log, which follows every aggregate.
        awaitParked(tenant, "audit-log", 2);
        tenant.as().post("/api/admin/projections/{name}/parked/retry", "audit-log").then().statusCode(200);

        awaitJson(tenant, "/api/admin/projections", s -> s.getList("findAll { it.parked > 0 || it.lagEvents > 0 }").isEmpty());
        // Later events of the aggregate flow live again.
        TandemClient.written(move(tenant, task.id(), "in_progress", 3), 200);
        awaitJson(tenant, "/api/tasks/{id}", t -> t.getLong("version") == 4, task.id());
    }

    @Test
    void aSkippedEventIsRecordedWithItsReasonAndReleasesTheEventsHeldBehindIt() {
        var tenant = TandemClient.signUp();
        var project = createProject(tenant, "Skip");
        var task = createTask(tenant, project.id(), "Skipped move");
        poisonedMove(tenant, task.id(), "in_progress", 1).r().then().statusCode(200);
        TandemClient.written(move(tenant, task.id(), "done", 2), 200);

        JsonPath parked = awaitParked(tenant, BOARD, 2);
        String poisonId = parked.getString("[0].eventId");
        String heldId = parked.getString("[1].eventId");

        // Only the first parked version of an aggregate can be skipped.
        tenant.as().body(Map.of("reason", "out of order")).post("/api/admin/projections/{n}/parked/{e}/skip", BOARD, heldId)
                .then().statusCode(409).contentType("application/problem+json");
        tenant.as().body(Map.of()).post("/api/admin/projections/{n}/parked/{e}/skip", BOARD, poisonId)
                .then().statusCode(400).body("errors[0].field", equalTo("reason"));

        JsonPath skipped = tenant.as().body(Map.of("reason", "bad data from an old importer"))
                .post("/api/admin/projections/{n}/parked/{e}/skip", BOARD, poisonId)
                .then().statusCode(200).extract().jsonPath();
        assertThat(skipped.getList("outcomes.result", String.class)).containsExactly("skipped", "retried");
        tenant.as().get("/api/tasks/{id}", task.id()).then().statusCode(200).body("version", equalTo(3))
                .body("status", equalTo("done"));

        JsonPath history = tenant.as().queryParam("resolved", "true").get("/api/admin/projections/{n}/parked", BOARD)
                .then().statusCode(200).extract().jsonPath();
        assertThat(history.getString("find { it.eventId == '" + poisonId + "' }.state")).isEqualTo("skipped");
        assertThat(history.getString("find { it.eventId == '" + poisonId + "' }.resolutionNote"))
                .isEqualTo("bad data from an old importer");
        assertThat(history.getString("find { it.eventId == '" + poisonId + "' }.resolvedBy")).startsWith("apikey:");
        tenant.as().post("/api/admin/projections/{n}/parked/{e}/retry", BOARD, poisonId).then().statusCode(409);
    }

    @Test
    void parkedEventsAreInvisibleToOtherTenants() {
        var a = TandemClient.signUp();
        var b = TandemClient.signUp();
        var project = createProject(a, "Private poison");
        var task = createTask(a, project.id(), "Private");
        poisonedMove(a, task.id(), "in_progress", 1).r().then().statusCode(200);
        String eventId = awaitParked(a, BOARD, 1).getString("[0].eventId");

        b.as().get("/api/admin/projections/{n}/parked", BOARD).then().statusCode(200).body("size()", equalTo(0));
        b.as().post("/api/admin/projections/{n}/parked/{e}/retry", BOARD, eventId).then().statusCode(404);
        b.as().body(Map.of("reason", "x")).post("/api/admin/projections/{n}/parked/{e}/skip", BOARD, eventId)
                .then().statusCode(404);
        b.as().get("/api/admin/projections/{n}/parked", "no-such-projection").then().statusCode(404);
    }
}
