package io.tandem.it;

import static io.restassured.RestAssured.given;
import static io.tandem.it.TandemClient.awaitJson;
import static io.tandem.it.TandemClient.createProject;
import static io.tandem.it.TandemClient.createTask;
import static io.tandem.it.TandemClient.move;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
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

    /**
     * Retries every tenant's parked events and waits until every projection has applied everything:
     * a rebuild applies every event in the log, parked ones too, so only then does it equal live.
     */
    static void settleEveryProjection() {
        for (String projector : projectors()) {
            operator().post("/api/admin/projections/{n}/parked/retry", projector).then().statusCode(200);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> operator()
                .get("/api/admin/projections").jsonPath()
                .getList("findAll { it.lagEvents > 0 || it.parked > 0 }").isEmpty());
    }

    /** Rebuilds a projection for every tenant with the operator key; the finished rebuild's progress. */
    static JsonPath rebuildForAllTenants(String projector) {
        operator().post("/api/admin/projections/{n}/rebuild", projector).then().statusCode(202);
        JsonPath[] done = new JsonPath[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            done[0] = operator().get("/api/admin/projections/{n}/rebuild", projector).jsonPath();
            return !List.of("replaying", "swapping").contains(done[0].getString("state"));
        });
        assertThat(done[0].getString("state")).as(done[0].prettify()).isEqualTo("done");
        return done[0];
    }

    static RequestSpecification operator() {
        // The server's address is TandemClient's: this class may run before anything has loaded it.
        return given().baseUri(TandemClient.BASE_URL).header("Authorization", "Bearer " + KEY).contentType(ContentType.JSON);
    }

    @Test
    void theOperatorKeyOpensNoTenantsData() {
        operator().get("/api/projects").then().statusCode(403).contentType("application/problem+json");
        operator().body(Map.of("name", "x", "key", "OPX")).post("/api/projects").then().statusCode(403);
        given().baseUri(TandemClient.BASE_URL).header("Authorization", "Bearer " + KEY + "x").get("/api/admin/projections")
                .then().statusCode(401);
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
        settleEveryProjection();

        for (String projector : projectors()) {
            JsonPath before = operator().get("/api/admin/projections/{n}/fingerprint", projector).jsonPath();
            JsonPath done = rebuildForAllTenants(projector);
            JsonPath after = operator().get("/api/admin/projections/{n}/fingerprint", projector).jsonPath();
            System.out.printf("platform rebuild %s: %d events, %.0f events/s, %d rows%n", projector,
                    done.getLong("done") + done.getLong("caughtUpAtSwap"), done.getDouble("eventsPerSecond"),
                    after.getLong("rows"));
            assertThat(after.getString("sha256")).as(projector).isEqualTo(before.getString("sha256"));
            assertThat(after.getLong("rows")).isEqualTo(before.getLong("rows"));
        }
        awaitJson(tenant, "/api/projects/{id}", p -> p.getLong("taskCount") == 1, project.id());
    }

    /**
     * On PostgreSQL a platform-wide rebuild swaps whole tables and writes only the checkpoints that
     * differ (the events still on their way to the live projector): twice in a row under load, then
     * a tenant's rebuild on the exchanged tables, nothing is lost or applied twice, and the board
     * keeps answering and following new events.
     */
    @Test
    void platformWideRebuildsUnderLoadLoseNothingAndATenantsRebuildFollows() throws Exception {
        var tenant = TandemClient.signUp();
        var project = createProject(tenant, "Platform busy");
        for (int i = 0; i < 20; i++) {
            createTask(tenant, project.id(), "Before " + i);
        }
        RebuildIT.awaitCaughtUp(tenant);

        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<Integer> writer = pool.submit(() -> {
            int created = 0;
            while (!stop.get() && created < 300) {
                var task = createTask(tenant, project.id(), "During " + created);
                if (created % 2 == 0) {
                    move(tenant, task.id(), "in_progress", 1).then().statusCode(200);
                }
                created++;
            }
            return created;
        });
        try {
            for (int round = 1; round <= 2; round++) {
                rebuildForAllTenants("task-board");
                tenant.as().get("/api/projects/{id}/board", project.id()).then().statusCode(200);
            }
        } finally {
            stop.set(true);
        }
        int during = writer.get();
        pool.shutdown();
        int total = 20 + during;
        int moved = (during + 1) / 2;
        System.out.printf("platform rebuilds under load: %d tasks created while rebuilding%n", during);

        JsonPath board = awaitJson(tenant, "/api/projects/{id}/board", b -> b.getInt("total") == total
                && TandemClient.count(b, "in_progress") == moved, project.id());
        assertThat(TandemClient.count(board, "todo")).isEqualTo(total - moved);
        RebuildIT.awaitCaughtUp(tenant);
        String live = RebuildIT.fingerprint(tenant, "task-board");
        RebuildIT.rebuildAndWait(tenant, "task-board");
        assertThat(RebuildIT.fingerprint(tenant, "task-board")).isEqualTo(live);

        createTask(tenant, project.id(), "After");
        awaitJson(tenant, "/api/projects/{id}/board", b -> b.getInt("total") == total + 1, project.id());
    }
}
