package io.tandem.it;

import static io.tandem.it.TandemClient.createProject;
import static io.tandem.it.TandemClient.createTask;
import static io.tandem.it.TandemClient.move;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Conditional GETs and the server's query cache: every query answers with an ETag, a current
 * If-None-Match gets 304, repeated reads are served from the cache, and neither ever hides a write
 * from a read sent with that write's position.
 */
class QueryCacheIT {
    static final String MIN_POSITION = "Tandem-Min-Position";

    record Stats(long hits, long misses, long stores, long notModified, long bypassed, long entries, long rowEntries) {}

    static Stats stats() {
        JsonPath s = OperatorIT.operator().get("/api/admin/query-cache").then().statusCode(200).extract().jsonPath();
        return new Stats(s.getLong("hits"), s.getLong("misses"), s.getLong("stores"), s.getLong("notModified"),
                s.getLong("bypassed"), s.getLong("entries"), s.getLong("rowEntries"));
    }

    /** Reads until the answer is one the cache can confirm: its ETag gets 304 (bounded). */
    static String settledTag(TandemClient.Tenant t, String path, Object... params) {
        String[] tag = new String[1];
        await().atMost(TandemClient.PROJECTION_DEADLINE).pollInterval(Duration.ofMillis(20)).until(() -> {
            Response first = t.as().get(path, params);
            first.then().statusCode(200);
            tag[0] = first.getHeader("ETag");
            return t.as().header("If-None-Match", tag[0]).get(path, params).statusCode() == 304;
        });
        return tag[0];
    }

    @Test
    void everyTenantQueryAnswersWithAnETagAndA304WhileItIsCurrent() {
        var tenant = TandemClient.signUp();
        var project = createProject(tenant, "Conditional");
        var task = createTask(tenant, project.id(), "A task");
        tenant.as().header(MIN_POSITION, task.position()).get("/api/tasks/{id}", task.id()).then().statusCode(200);
        List<String> paths = List.of("/api/projects", "/api/projects/" + project.id(), "/api/projects/" + project.id() + "/board",
                "/api/tasks/" + task.id(), "/api/members", "/api/api-keys", "/api/audit", "/api/tenants/" + tenant.id());
        Stats before = stats();
        for (String path : paths) {
            Response r = tenant.as().get(path);
            r.then().statusCode(200).header("Cache-Control", "private, no-cache").header("Vary", "Authorization");
            assertThat(r.getHeader("ETag")).as(path).startsWith("\"").endsWith("\"");
            String tag = settledTag(tenant, path);
            Response notModified = tenant.as().header("If-None-Match", tag).get(path);
            notModified.then().statusCode(304).header("ETag", tag);
            assertThat(notModified.asByteArray()).as(path).isEmpty();
            // Any other tag, and a weak form of the same one, are compared as HTTP says.
            tenant.as().header("If-None-Match", "\"0\"").get(path).then().statusCode(200);
            tenant.as().header("If-None-Match", "\"0\", W/" + tag).get(path).then().statusCode(304);
        }
        // A task's and a project's ETag stays their version, which If-Match takes.
        assertThat(tenant.as().get("/api/tasks/{id}", task.id()).getHeader("ETag")).isEqualTo("\"1\"");
        assertThat(stats().notModified() - before.notModified()).isGreaterThanOrEqualTo(2L * paths.size());
    }

    @Test
    void theOperatorsDirectoryIsConditionalToo() {
        Response r = OperatorIT.operator().get("/api/admin/tenants");
        r.then().statusCode(200);
        String[] tag = {r.getHeader("ETag")};
        assertThat(tag[0]).isNotNull();
        await().atMost(TandemClient.PROJECTION_DEADLINE).pollInterval(Duration.ofMillis(20)).until(() -> {
            Response again = OperatorIT.operator().header("If-None-Match", tag[0]).get("/api/admin/tenants");
            if (again.statusCode() == 304) {
                return true;
            }
            tag[0] = again.getHeader("ETag");
            return false;
        });
        // A new tenant anywhere changes the directory: the old tag stops confirming it.
        TandemClient.signUp();
        await().atMost(TandemClient.PROJECTION_DEADLINE).pollInterval(Duration.ofMillis(20)).until(() ->
                OperatorIT.operator().header("If-None-Match", tag[0]).get("/api/admin/tenants").statusCode() == 200);
        assertThat(OperatorIT.operator().get("/api/admin/tenants").getHeader("ETag")).isNotEqualTo(tag[0]);
    }

    /** Rows read by id are cached apart from lists and boards, so that many of them cannot evict a board. */
    @Test
    void aTaskReadByIdIsCachedApartFromTheBoards() {
        var tenant = TandemClient.signUp();
        var project = createProject(tenant, "Rows apart");
        var task = createTask(tenant, project.id(), "Read by id");
        // The board waits for both of its read models, the task's among them; the task itself is not read yet.
        tenant.as().header(MIN_POSITION, task.position()).get("/api/projects/{id}/board", project.id()).then().statusCode(200);
        settledTag(tenant, "/api/projects/{id}/board", project.id());

        Stats before = stats();
        String tag = settledTag(tenant, "/api/tasks/{id}", task.id());
        Stats stored = stats();
        String body = tenant.as().get("/api/tasks/{id}", task.id()).then().statusCode(200).header("ETag", tag)
                .extract().asString();
        Stats after = stats();

        assertThat(stored.rowEntries()).as("the task's answer is kept among the rows").isGreaterThan(before.rowEntries());
        assertThat(stored.entries()).as("and not among lists and boards").isLessThanOrEqualTo(before.entries());
        assertThat(after.hits()).as("the next read is served from the row cache").isGreaterThan(stored.hits());
        assertThat(body).contains(task.id().toString());
    }

    @Test
    void aWriteChangesTheTagAndTheCachedAnswer() {
        var tenant = TandemClient.signUp();
        var project = createProject(tenant, "Invalidation");
        var first = createTask(tenant, project.id(), "First");
        tenant.as().header(MIN_POSITION, first.position()).get("/api/projects/{id}/board", project.id()).then().statusCode(200);
        String tag = settledTag(tenant, "/api/projects/{id}/board", project.id());

        Stats before = stats();
        String cachedBody = tenant.as().get("/api/projects/{id}/board", project.id()).then().statusCode(200).extract().asString();
        assertThat(stats().hits()).as("the settled board is served from the cache").isGreaterThan(before.hits());

        var second = createTask(tenant, project.id(), "Second");
        Response after = tenant.as().header(MIN_POSITION, second.position()).header("If-None-Match", tag)
                .get("/api/projects/{id}/board", project.id());
        after.then().statusCode(200);
        assertThat(after.getHeader("ETag")).isNotEqualTo(tag);
        assertThat(after.asString()).isNotEqualTo(cachedBody).contains(second.id().toString());
        assertThat(TandemClient.count(after.jsonPath(), "todo")).isEqualTo(2);
    }

    @Test
    void noCacheOnTheRequestSkipsTheCache() {
        var tenant = TandemClient.signUp();
        var project = createProject(tenant, "Bypass");
        tenant.as().header(MIN_POSITION, project.position()).get("/api/projects/{id}/board", project.id()).then().statusCode(200);
        settledTag(tenant, "/api/projects/{id}/board", project.id());
        Stats before = stats();
        String cached = tenant.as().get("/api/projects/{id}/board", project.id()).then().statusCode(200).extract().asString();
        String fresh = tenant.as().header("Cache-Control", "no-cache").get("/api/projects/{id}/board", project.id())
                .then().statusCode(200).extract().asString();
        Stats after = stats();
        assertThat(fresh).isEqualTo(cached);
        assertThat(after.bypassed()).isGreaterThan(before.bypassed());
        assertThat(after.hits()).isGreaterThan(before.hits());
    }

    @Test
    void anotherTenantNeverGetsACachedAnswerOrA304ForIt() {
        var owner = TandemClient.signUp();
        var other = TandemClient.signUp();
        var project = createProject(owner, "Private");
        owner.as().header(MIN_POSITION, project.position()).get("/api/projects/{id}/board", project.id()).then().statusCode(200);
        String tag = settledTag(owner, "/api/projects/{id}/board", project.id());
        owner.as().get("/api/projects/{id}/board", project.id()).then().statusCode(200);

        other.as().get("/api/projects/{id}/board", project.id()).then().statusCode(404);
        other.as().header("If-None-Match", tag).get("/api/projects/{id}/board", project.id()).then().statusCode(404);
        other.as().header("If-None-Match", "*").get("/api/projects/{id}/board", project.id()).then().statusCode(404);
        other.as().get("/api/projects/{id}", project.id()).then().statusCode(404);
    }

    /**
     * Read-your-writes through the cache, under load: one client writes (creates and moves
     * tasks) while another reads the board over and over, each read carrying the position of the
     * newest write acknowledged before it was sent. Every read must show at least that write.
     * The writer lets a few reads pass between its writes, so most reads are cache hits: a stale
     * hit would be caught here.
     */
    @Test
    void aCachedAnswerIsNeverStaleAfterThePositionTheClientAskedFor() throws Exception {
        var tenant = TandemClient.signUp();
        var project = createProject(tenant, "Never stale");
        int writes = 40;
        AtomicLong acknowledgedPosition = new AtomicLong(project.position());
        AtomicLong acknowledgedTasks = new AtomicLong();
        AtomicLong acknowledgedMoves = new AtomicLong();
        var failures = new ConcurrentLinkedQueue<String>();
        AtomicLong readsDone = new AtomicLong();
        Stats before = stats();

        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < writes; i++) {
                    long target = readsDone.get() + 4;
                    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                    while (readsDone.get() < target && System.nanoTime() < deadline) {
                        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                    }
                    var task = createTask(tenant, project.id(), "Task " + i);
                    synchronized (acknowledgedPosition) {
                        acknowledgedTasks.incrementAndGet();
                        acknowledgedPosition.set(task.position());
                    }
                    if (i % 2 == 0) {
                        var moved = TandemClient.written(move(tenant, task.id(), "in_progress", 1), 200);
                        synchronized (acknowledgedPosition) {
                            acknowledgedMoves.incrementAndGet();
                            acknowledgedPosition.set(moved.position());
                        }
                    }
                }
            } catch (Throwable e) {
                failures.add("writer: " + e);
            }
        });
        writer.start();
        int reads = 0;
        while (writer.isAlive() || reads < 20) {
            long position;
            long tasks;
            long moves;
            synchronized (acknowledgedPosition) {
                position = acknowledgedPosition.get();
                tasks = acknowledgedTasks.get();
                moves = acknowledgedMoves.get();
            }
            Response r = tenant.as().header(MIN_POSITION, position).get("/api/projects/{id}/board", project.id());
            reads++;
            readsDone.incrementAndGet();
            if (r.statusCode() != 200) {
                failures.add("read " + reads + ": status " + r.statusCode());
                continue;
            }
            JsonPath board = r.jsonPath();
            int total = board.getInt("total");
            int inProgress = TandemClient.count(board, "in_progress");
            if (total < tasks || inProgress < moves) {
                failures.add("read " + reads + " at position " + position + " saw " + total + " tasks/" + inProgress
                        + " moved, but " + tasks + "/" + moves + " were acknowledged before it was sent");
            }
        }
        writer.join();
        Stats after = stats();
        System.out.printf("query-cache: never-stale reads=%d writes=%d hits=%d misses=%d stale=%d%n", reads,
                writes + writes / 2, after.hits() - before.hits(), after.misses() - before.misses(), failures.size());
        assertThat(failures).isEmpty();
        assertThat(after.hits() - before.hits()).as("reads between writes came from the cache").isGreaterThan(writes);
        JsonPath last = tenant.as().header(MIN_POSITION, acknowledgedPosition.get()).get("/api/projects/{id}/board", project.id())
                .then().statusCode(200).extract().jsonPath();
        assertThat(last.getInt("total")).isEqualTo(writes);
        assertThat(TandemClient.count(last, "in_progress")).isEqualTo(writes / 2);
    }
}
