package io.tandem.it;

import static io.restassured.RestAssured.given;
import static io.tandem.it.TandemClient.awaitJson;
import static io.tandem.it.TandemClient.createProject;
import static io.tandem.it.TandemClient.createTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The platform operator (the operator key the server is configured with) sees and manages every
 * tenant's projections, and nothing else: the key opens no tenant's data.
 */
class OperatorIT {
    static final String KEY = System.getProperty("tandem.it.operator-key");
    /** Every projector the server has, as its status lists them: a new one is covered without editing this. */
    static List<String> projectors() {
        return operator().get("/api/admin/projections").then().statusCode(200).extract().jsonPath().getList("name", String.class);
    }

    static RequestSpecification operator() {
        return given().header("Authorization", "Bearer " + KEY).contentType(ContentType.JSON);
    }

    @Test
    void theOperatorKeyOpensNoTenantsData() {
        operator().get("/api/projects").then().statusCode(403).contentType("application/problem+json");
        operator().body(Map.of("name", "x", "key", "OPX")).post("/api/projects").then().statusCode(403);
        given().header("Authorization", "Bearer " + KEY + "x").get("/api/admin/projections").then().statusCode(401);
    }

    @Test
    void theOperatorSeesAndRetriesEveryTenantsParkedEvents() {
        var a = TandemClient.signUp();
        var b = TandemClient.signUp();
        String[] tasks = new String[2];
        int i = 0;
        for (var tenant : List.of(a, b)) {
            var project = createProject(tenant, "Operator " + i);
            var task = createTask(tenant, project.id(), "Poisoned " + i);
            tenant.as().header("Tandem-Fault", "poison").header("If-Match", "\"1\"").body(Map.of("status", "in_progress"))
                    .post("/api/tasks/{id}/move", task.id()).then().statusCode(200);
            tasks[i++] = task.id().toString();
        }
        DeadLetterIT.awaitParked(a, "task-board", 1);
        DeadLetterIT.awaitParked(b, "task-board", 1);

        JsonPath parked = operator().get("/api/admin/projections/{n}/parked", "task-board").then().statusCode(200)
                .extract().jsonPath();
        assertThat(parked.getList("tenantId", String.class)).contains(a.id().toString(), b.id().toString());
        assertThat(parked.getList("aggregateId", String.class)).contains(tasks);
        JsonPath status = operator().get("/api/admin/projections").then().statusCode(200).extract().jsonPath();
        assertThat(status.getInt("find { it.name == 'task-board' }.parked")).isGreaterThanOrEqualTo(2);

        for (String projector : projectors()) {
            operator().post("/api/admin/projections/{n}/parked/retry", projector).then().statusCode(200);
        }
        a.as().get("/api/tasks/{id}", tasks[0]).then().statusCode(200).body("status", equalTo("in_progress"));
        b.as().get("/api/tasks/{id}", tasks[1]).then().statusCode(200).body("status", equalTo("in_progress"));
    }

    @Test
    void aPlatformWideRebuildEqualsTheLiveReadModels() {
        var tenant = TandemClient.signUp();
        var project = createProject(tenant, "Platform rebuild");
        createTask(tenant, project.id(), "One");
        for (String projector : projectors()) {
            operator().post("/api/admin/projections/{n}/parked/retry", projector).then().statusCode(200);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> operator()
                .get("/api/admin/projections").jsonPath()
                .getList("findAll { it.lagEvents > 0 || it.parked > 0 }").isEmpty());

        for (String projector : projectors()) {
            JsonPath before = operator().get("/api/admin/projections/{n}/fingerprint", projector).jsonPath();
            operator().post("/api/admin/projections/{n}/rebuild", projector).then().statusCode(202);
            JsonPath[] done = new JsonPath[1];
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
                done[0] = operator().get("/api/admin/projections/{n}/rebuild", projector).jsonPath();
                return !List.of("replaying", "swapping").contains(done[0].getString("state"));
            });
            assertThat(done[0].getString("state")).as(done[0].prettify()).isEqualTo("done");
            JsonPath after = operator().get("/api/admin/projections/{n}/fingerprint", projector).jsonPath();
            System.out.printf("platform rebuild %s: %d events, %.0f events/s, %d rows%n", projector,
                    done[0].getLong("done") + done[0].getLong("caughtUpAtSwap"), done[0].getDouble("eventsPerSecond"),
                    after.getLong("rows"));
            assertThat(after.getString("sha256")).as(projector).isEqualTo(before.getString("sha256"));
            assertThat(after.getLong("rows")).isEqualTo(before.getLong("rows"));
        }
        awaitJson(tenant, "/api/projects/{id}", p -> p.getLong("taskCount") == 1, project.id());
    }
}
