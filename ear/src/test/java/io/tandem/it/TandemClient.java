package io.tandem.it;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The integration tests' view of a running Tandem: plain HTTP against the server the build
 * started ({@code tandem.base-url}), the same way any client integrates.
 */
final class TandemClient {
    static final String BASE_URL = System.getProperty("tandem.base-url", "http://127.0.0.1:8180");
    static final String MANAGEMENT_URL = System.getProperty("tandem.management-url", "http://127.0.0.1:10090");
    /** How long a read model may take to catch up before a test fails; generous for a loaded CI machine. */
    static final Duration PROJECTION_DEADLINE = Duration.ofSeconds(30);

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    static {
        RestAssured.baseURI = BASE_URL;
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private TandemClient() {}

    record Tenant(UUID id, String apiKey, long position) {
        RequestSpecification as() {
            return given().header("Authorization", "Bearer " + apiKey).contentType(ContentType.JSON);
        }
    }

    record Written(UUID id, long version, long position, String location) {}

    static Tenant signUp() {
        String n = unique();
        JsonPath body = given().contentType(ContentType.JSON)
                .body(Map.of("name", "Tenant " + n, "adminEmail", "owner-" + n + "@example.test"))
                .post("/api/tenants")
                .then().statusCode(201)
                .extract().jsonPath();
        return new Tenant(UUID.fromString(body.getString("tenantId")), body.getString("apiKey"), body.getLong("position"));
    }

    static String unique() {
        return Long.toString(System.nanoTime(), 36) + SEQUENCE.incrementAndGet();
    }

    /** A project key unique enough across test runs against the same database. */
    static String projectKey() {
        return "P" + UUID.randomUUID().toString().replace("-", "").substring(0, 11).toUpperCase();
    }

    static Written createProject(Tenant t, String name) {
        return written(t.as().body(Map.of("name", name, "key", projectKey())).post("/api/projects"), 201);
    }

    static Written createTask(Tenant t, UUID projectId, String title) {
        return written(t.as().body(Map.of("title", title)).post("/api/projects/{id}/tasks", projectId), 201);
    }

    static Response move(Tenant t, UUID taskId, String status, long ifMatch) {
        return t.as().header("If-Match", "\"" + ifMatch + "\"").body(Map.of("status", status))
                .post("/api/tasks/{id}/move", taskId);
    }

    static Written written(Response r, int status) {
        r.then().statusCode(status);
        String etag = r.getHeader("ETag");
        return new Written(
                UUID.fromString(r.jsonPath().getString("id")),
                Long.parseLong(etag.replace("\"", "")),
                Long.parseLong(r.getHeader("Tandem-Position")),
                r.getHeader("Location"));
    }

    /** Polls a GET (with a deadline, never a fixed sleep) until its JSON satisfies the condition. */
    static JsonPath awaitJson(Tenant t, String path, Predicate<JsonPath> condition, Object... params) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(PROJECTION_DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> {
            Response r = t.as().get(path, params);
            if (r.statusCode() != 200) {
                return false;
            }
            last[0] = r.jsonPath();
            return condition.test(last[0]);
        });
        return last[0];
    }

    /** The board once it shows the given number of tasks in each status. */
    static JsonPath awaitBoard(Tenant t, UUID projectId, int todo, int inProgress, int done) {
        return awaitJson(t, "/api/projects/{id}/board", b -> count(b, "todo") == todo
                && count(b, "in_progress") == inProgress && count(b, "done") == done, projectId);
    }

    static int count(JsonPath board, String status) {
        List<Map<String, Object>> columns = board.getList("columns");
        return columns.stream()
                .filter(c -> status.equals(c.get("status")))
                .mapToInt(c -> ((Number) c.get("count")).intValue())
                .findFirst()
                .orElseThrow();
    }

    /** The tenant's events of a type, straight from the event log. */
    static List<Map<String, Object>> events(Tenant t, String type) {
        List<Map<String, Object>> all = t.as().queryParam("limit", 200).get("/api/events").then().statusCode(200)
                .extract().jsonPath().getList("items");
        return all.stream().filter(e -> type.equals(e.get("type"))).toList();
    }
}
