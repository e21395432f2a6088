package io.tandem.it;

import static io.restassured.RestAssured.given;
import static io.tandem.it.TandemClient.createProject;
import static io.tandem.it.TandemClient.createTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Idempotency keys as Stripe designed them: executed once, answered the same, scoped to the tenant. */
class IdempotencyKeyIT {
    static final String KEY = "Idempotency-Key";

    record Answer(int status, String body, String etag, String position, String location) {
        static Answer of(Response r) {
            return new Answer(r.statusCode(), r.asString(), r.getHeader("ETag"), r.getHeader("Tandem-Position"),
                    r.getHeader("Location"));
        }
    }

    private static Response createTaskWithKey(TandemClient.Tenant t, UUID projectId, String key, String title) {
        return t.as().header(KEY, key).body(Map.of("title", title)).post("/api/projects/{id}/tasks", projectId);
    }

    @Test
    void aRetryWithTheSameKeyGetsTheFirstAnswerWithoutExecutingAgain() {
        var tenant = TandemClient.signUp();
        var project = createProject(tenant, "Retries");
        String key = UUID.randomUUID().toString();

        Response first = createTaskWithKey(tenant, project.id(), key, "Once");
        first.then().statusCode(201);
        Response again = createTaskWithKey(tenant, project.id(), key, "Once");
        again.then().statusCode(201).header("Idempotent-Replayed", "true");

        assertThat(Answer.of(again)).isEqualTo(Answer.of(first));
        assertThat(TandemClient.events(tenant, "TaskCreated")).hasSize(1);
    }

    @Test
    void theSameKeyForADifferentRequestIsRefused() {
        var tenant = TandemClient.signUp();
        var project = createProject(tenant, "Mismatch");
        String key = UUID.randomUUID().toString();
        createTaskWithKey(tenant, project.id(), key, "First").then().statusCode(201);

        createTaskWithKey(tenant, project.id(), key, "Second").then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo(KEY));
        assertThat(TandemClient.events(tenant, "TaskCreated")).hasSize(1);
    }

    @Test
    void keysAreScopedToTheTenant() {
        var a = TandemClient.signUp();
        var b = TandemClient.signUp();
        var projectOfA = createProject(a, "A");
        var projectOfB = createProject(b, "B");
        String key = UUID.randomUUID().toString();

        Response ofA = createTaskWithKey(a, projectOfA.id(), key, "Same key");
        Response ofB = createTaskWithKey(b, projectOfB.id(), key, "Same key");
        ofA.then().statusCode(201);
        ofB.then().statusCode(201);
        assertThat(ofB.getHeader("Idempotent-Replayed")).isNull();
        assertThat(ofB.jsonPath().getString("id")).isNotEqualTo(ofA.jsonPath().getString("id"));
        assertThat(TandemClient.events(b, "TaskCreated")).hasSize(1);
    }

    @Test
    void aRejectedRequestIsRejectedAgainTheSameWayWithoutExecuting() {
        var tenant = TandemClient.signUp();
        var project = createProject(tenant, "Rejected");
        var task = createTask(tenant, project.id(), "Stays");
        String key = UUID.randomUUID().toString();

        Response first = tenant.as().header(KEY, key).header("If-Match", "\"1\"").body(Map.of("status", "done"))
                .post("/api/tasks/{id}/move", task.id());
        first.then().statusCode(409);
        // Meanwhile the task moves on; the repeat must still get the first answer, not a new one.
        TandemClient.written(TandemClient.move(tenant, task.id(), "in_progress", 1), 200);
        Response again = tenant.as().header(KEY, key).header("If-Match", "\"1\"").body(Map.of("status", "done"))
                .post("/api/tasks/{id}/move", task.id());
        again.then().statusCode(409).header("Idempotent-Replayed", "true");
        assertThat(again.asString()).isEqualTo(first.asString());
        assertThat(TandemClient.events(tenant, "TaskMoved")).hasSize(1);
    }

    @Test
    void aRepeatWhileTheFirstIsStillRunningGets409() throws Exception {
        var tenant = TandemClient.signUp();
        var project = createProject(tenant, "In flight");
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            // The first request holds its transaction open for 4 s (test-only slow-commit fault).
            Future<Response> first = pool.submit(() -> tenant.as().header(KEY, key).header("Tandem-Fault", "slow-commit")
                    .body(Map.of("title", "Slow")).post("/api/projects/{id}/tasks", project.id()));
            // The first request claims the key within milliseconds; 1 s of margin on a loaded CI
            // machine still leaves the repeat's 2 s wait ending well inside the first's 4 s hold.
            Thread.sleep(1000);
            createTaskWithKey(tenant, project.id(), key, "Slow").then().statusCode(409)
                    .contentType("application/problem+json").body("errors[0].field", equalTo(KEY));

            Response firstAnswer = first.get();
            firstAnswer.then().statusCode(201);
            Response replay = createTaskWithKey(tenant, project.id(), key, "Slow");
            assertThat(Answer.of(replay)).isEqualTo(Answer.of(firstAnswer));
        } finally {
            pool.shutdownNow();
        }
        assertThat(TandemClient.events(tenant, "TaskCreated")).hasSize(1);
    }

    @Test
    void aHundredConcurrentRequestsWithOneKeyExecuteOnceAndGetTheSameAnswer() throws Exception {
        var tenant = TandemClient.signUp();
        var project = createProject(tenant, "Stampede");
        String key = UUID.randomUUID().toString();
        int clients = 100;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Answer>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return Answer.of(createTaskWithKey(tenant, project.id(), key, "Stampede"));
                }));
            }
            start.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> f : futures) {
                answers.add(f.get());
            }
            long distinct = answers.stream().distinct().count();
            System.out.printf("idempotency: %d concurrent requests with one key -> %d distinct answer(s), statuses %s%n",
                    clients, distinct, answers.stream().map(Answer::status).distinct().toList());
            assertThat(answers).allSatisfy(a -> assertThat(a.status()).isEqualTo(201));
            assertThat(distinct).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(TandemClient.events(tenant, "TaskCreated")).hasSize(1);
    }

    @Test
    void aRequestThatFailedReleasesItsKeySoTheRetryExecutes() {
        var tenant = TandemClient.signUp();
        var project = createProject(tenant, "Failure");
        String key = UUID.randomUUID().toString();
        tenant.as().header(KEY, key).header("Tandem-Fault", "after-append").body(Map.of("title", "Retry me"))
                .post("/api/projects/{id}/tasks", project.id()).then().statusCode(500);
        Response retry = createTaskWithKey(tenant, project.id(), key, "Retry me");
        retry.then().statusCode(201);
        assertThat(retry.getHeader("Idempotent-Replayed")).isNull();
        assertThat(TandemClient.events(tenant, "TaskCreated")).hasSize(1);
    }

    @Test
    void keysAreRefusedWhereTheyAreNotSupportedOrMalformed() {
        // TandemClient's address: this may be the first request of the run.
        given().baseUri(TandemClient.BASE_URL).contentType(ContentType.JSON).header(KEY, "k1")
                .body(Map.of("name", "No keys here", "adminEmail", "x@example.test"))
                .post("/api/tenants").then().statusCode(400).body("errors[0].field", equalTo(KEY));
        var tenant = TandemClient.signUp();
        tenant.as().header(KEY, "x".repeat(256)).body(Map.of("name", "P", "key", TandemClient.projectKey()))
                .post("/api/projects").then().statusCode(400).body("errors[0].field", equalTo(KEY));
    }
}
