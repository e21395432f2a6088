package io.tandem.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The served OpenAPI document covers every endpoint, and the health probes answer. */
class ApiDocumentationIT {
    static {
        // TandemClient points REST Assured at the server; run alone, this class must load it first.
        assertThat(TandemClient.BASE_URL).isNotBlank();
    }

    @Test
    void openApiDocumentDescribesEveryEndpoint() {
        JsonPath doc = given().accept("application/json").get("/openapi").then().statusCode(200).extract().jsonPath();
        assertThat(doc.getString("openapi")).startsWith("3.");
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        assertThat(paths).containsKeys(
                "/api/tenants", "/api/tenants/{tenantId}", "/api/projects", "/api/projects/{projectId}",
                "/api/projects/{projectId}/board", "/api/projects/{projectId}/tasks", "/api/tasks/{taskId}",
                "/api/tasks/{taskId}/move", "/api/events", "/api/admin/projections", "/api/admin/projections/{name}/parked",
                "/api/admin/projections/{name}/parked/retry", "/api/admin/projections/{name}/parked/{eventId}/retry",
                "/api/admin/projections/{name}/parked/{eventId}/skip");
        assertThat(paths.get("/api/projects")).containsKeys("get", "post");
        assertThat(paths.get("/api/tasks/{taskId}/move")).containsKey("post");
        assertThat(doc.getMap("components.securitySchemes")).containsKey("apiKey");
        // Every query documents read-your-writes; commands do not take it.
        for (String query : new String[] {"/api/projects", "/api/projects/{projectId}", "/api/projects/{projectId}/board",
                "/api/tasks/{taskId}", "/api/tenants/{tenantId}"}) {
            assertThat(doc.getList("paths.'" + query + "'.get.parameters.name", String.class))
                    .as(query).contains("Tandem-Min-Position");
            assertThat(doc.getMap("paths.'" + query + "'.get.responses")).as(query).containsKey("503");
        }
        assertThat(doc.getList("paths.'/api/tasks/{taskId}/move'.post.parameters.name", String.class))
                .doesNotContain("Tandem-Min-Position");
        // Every command but sign-up takes Idempotency-Key.
        for (String command : new String[] {"/api/projects", "/api/projects/{projectId}/tasks", "/api/tasks/{taskId}/move"}) {
            assertThat(doc.getList("paths.'" + command + "'.post.parameters.name", String.class))
                    .as(command).contains("Idempotency-Key");
            assertThat(doc.getMap("paths.'" + command + "'.post.responses")).as(command).containsKeys("409", "422");
        }
        // Every operation documents at least one problem response.
        paths.forEach((path, operations) -> operations.forEach((method, op) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> responses = (Map<String, Object>) ((Map<String, Object>) op).get("responses");
            assertThat(responses.keySet()).as(method + " " + path).anyMatch(code -> code.startsWith("4"));
        }));
    }

    @Test
    void healthProbesAnswer() {
        given().baseUri(TandemClient.MANAGEMENT_URL).get("/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'tandem-event-publication' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'tandem-event-publication' }.data.outboxPending", notNullValue())
                .body("checks.find { it.name == 'tandem-event-publication' }.data.unfinishedDeliveries", notNullValue());
        given().baseUri(TandemClient.MANAGEMENT_URL).get("/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
