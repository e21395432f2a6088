package io.tandem.it;

import static io.tandem.it.TandemClient.awaitJson;
import static io.tandem.it.TandemClient.createProject;
import static io.tandem.it.TandemClient.createTask;
import static io.tandem.it.TandemClient.move;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Blue/green rebuilds: a rebuilt read model equals the live one, and live events keep flowing meanwhile. */
class RebuildIT {

    static JsonPath awaitCaughtUp(TandemClient.Tenant t) {
        return awaitJson(t, "/api/admin/projections",
                s -> s.getList("findAll { it.lagEvents > 0 || it.parked > 0 || it.state != 'live' }").isEmpty());
    }

    static String fingerprint(TandemClient.Tenant t, String projector) {
        return t.as().get("/api/admin/projections/{n}/fingerprint", projector).then().statusCode(200)
                .extract().jsonPath().getString("sha256");
    }

    static JsonPath rebuildAndWait(TandemClient.Tenant t, String projector) {
        t.as().post("/api/admin/projections/{n}/rebuild", projector).then().statusCode(202);
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = t.as().get("/api/admin/projections/{n}/rebuild", projector).then().statusCode(200)
                    .extract().jsonPath();
            return !List.of("replaying", "swapping").contains(last[0].getString("state"));
        });
        assertThat(last[0].getString("state")).as(last[0].prettify()).isEqualTo("done");
        System.out.printf("rebuild %s: %d events replayed + %d at the swap, %.0f events/s%n", projector,
                last[0].getLong("done"), last[0].getLong("caughtUpAtSwap"), last[0].getDouble("eventsPerSecond"));
        return last[0];
    }

    @Test
    void aRebuiltReadModelEqualsTheLiveOne() {
        var tenant = TandemClient.signUp();
        for (int p = 0; p < 2; p++) {
            var project = createProject(tenant, "Rebuild " + p);
            for (int i = 0; i < 15; i++) {
                var task = createTask(tenant, project.id(), "Task " + p + "." + i);
                if (i % 2 == 0) {
                    TandemClient.written(move(tenant, task.id(), "in_progress", 1), 200);
                }
                if (i % 4 == 0) {
                    TandemClient.written(move(tenant, task.id(), "done", 2), 200);
                }
            }
        }
        awaitCaughtUp(tenant);
        // Every projector the status lists, so a new read model is rebuilt here without editing the test.
        List<String> projectors = tenant.as().get("/api/admin/projections").then().statusCode(200)
                .extract().jsonPath().getList("name", String.class);
        assertThat(projectors).contains("task-board", "project-list", "tenant-directory", "member-list", "audit-log");
        for (String projector : projectors) {
            String before = fingerprint(tenant, projector);
            JsonPath rebuild = rebuildAndWait(tenant, projector);
            assertThat(rebuild.getLong("done") + rebuild.getLong("caughtUpAtSwap")).isPositive();
            assertThat(fingerprint(tenant, projector)).as(projector).isEqualTo(before);
        }
        // Reads still work and show the same thing after the swap.
        var board = tenant.as().get("/api/projects").then().statusCode(200).extract().jsonPath();
        assertThat(board.getList("items.taskCount", Integer.class)).containsOnly(15);
        assertThat(board.getList("items.doneCount", Integer.class)).containsOnly(4);
    }

    @Test
    void liveEventsKeepFlowingDuringARebuildAndNoneIsLost() throws Exception {
        var tenant = TandemClient.signUp();
        var project = createProject(tenant, "Busy");
        for (int i = 0; i < 40; i++) {
            createTask(tenant, project.id(), "Before " + i);
        }
        awaitCaughtUp(tenant);

        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<Integer> writer = pool.submit(() -> {
            int created = 0;
            while (!stop.get() && created < 200) {
                createTask(tenant, project.id(), "During " + created);
                created++;
            }
            return created;
        });
        try {
            rebuildAndWait(tenant, "task-board");
            rebuildAndWait(tenant, "project-list");
        } finally {
            stop.set(true);
        }
        int during = writer.get();
        pool.shutdown();
        int total = 40 + during;
        System.out.printf("rebuild under load: %d tasks created while rebuilding%n", during);

        awaitJson(tenant, "/api/projects/{id}/board", b -> b.getInt("total") == total, project.id());
        awaitJson(tenant, "/api/projects/{id}", p -> p.getLong("taskCount") == total, project.id());
        awaitCaughtUp(tenant);
        // And a rebuild of the final state equals what live projection produced.
        String live = fingerprint(tenant, "task-board");
        rebuildAndWait(tenant, "task-board");
        assertThat(fingerprint(tenant, "task-board")).isEqualTo(live);
    }

    @Test
    void aRebuildAppliesParkedEventsAndResolvesThem() {
        var tenant = TandemClient.signUp();
        var project = createProject(tenant, "Parked then rebuilt");
        var task = createTask(tenant, project.id(), "Poisoned");
        tenant.as().header("Tandem-Fault", "poison").header("If-Match", "\"1\"").body(Map.of("status", "in_progress"))
                .post("/api/tasks/{id}/move", task.id()).then().statusCode(200);
        DeadLetterIT.awaitParked(tenant, "task-board", 1);

        rebuildAndWait(tenant, "task-board");

        tenant.as().get("/api/tasks/{id}", task.id()).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("in_progress"));
        assertThat(tenant.as().get("/api/admin/projections/{n}/parked", "task-board").jsonPath().getList("$")).isEmpty();
        List<Object> states = new ArrayList<>(tenant.as().queryParam("resolved", "true")
                .get("/api/admin/projections/{n}/parked", "task-board").jsonPath().getList("state"));
        assertThat(states).containsExactly("retried");
    }
}
