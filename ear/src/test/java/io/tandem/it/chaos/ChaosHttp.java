package io.tandem.it.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Plain JSON over HTTP for the chaos test. Unlike the REST Assured helpers of the other ITs it
 * keeps one connection pool for many threads and bounds every request in time, and it never
 * retries a POST by itself: a command counts as acknowledged only when this client saw its 2xx.
 */
final class ChaosHttp {
    static final String BASE_URL = System.getProperty("tandem.base-url", "http://127.0.0.1:8180");
    static final String MANAGEMENT_URL = System.getProperty("tandem.management-url", "http://127.0.0.1:10090");
    static final ObjectMapper JSON = new ObjectMapper();

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    /** A response: its status and its body as JSON (missing when it had none or was not JSON). */
    record Reply(int status, JsonNode body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    record Tenant(UUID id, String apiKey) {}

    Tenant signUp(String name) throws IOException, InterruptedException {
        Reply r = send(null, "POST", "/api/tenants", Map.of("name", name, "adminEmail", "chaos-" + UUID.randomUUID() + "@example.test"), Map.of());
        if (r.status() != 201) {
            throw new IllegalStateException("sign-up answered " + r.status() + ": " + r.body());
        }
        return new Tenant(UUID.fromString(r.body().get("tenantId").asText()), r.body().get("apiKey").asText());
    }

    Reply post(Tenant t, String path, Object body, Map<String, String> headers) throws IOException, InterruptedException {
        return send(t.apiKey(), "POST", path, body, headers);
    }

    Reply get(Tenant t, String path) throws IOException, InterruptedException {
        return send(t.apiKey(), "GET", path, null, Map.of());
    }

    /** The tenant's whole event stream, paged through {@code GET /api/events} in log order. */
    List<JsonNode> events(Tenant t) throws IOException, InterruptedException {
        List<JsonNode> all = new ArrayList<>();
        long after = 0;
        // Bounded: 10 000 pages of 200 is far beyond anything one test run appends.
        for (int page = 0; page < 10_000; page++) {
            Reply r = get(t, "/api/events?limit=200&after=" + after);
            if (r.status() != 200) {
                throw new IllegalStateException("GET /api/events?after=" + after + " answered " + r.status() + ": " + r.body());
            }
            JsonNode items = r.body().get("items");
            if (items.isEmpty()) {
                return all;
            }
            items.forEach(all::add);
            long next = r.body().get("next").asLong();
            if (next <= after) {
                throw new IllegalStateException("the event stream did not advance past " + after);
            }
            after = next;
        }
        throw new IllegalStateException("the event stream did not end within 10 000 pages");
    }

    /** The management interface's readiness: 200, UP, and Tandem's own check among the checks. */
    boolean ready() {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(MANAGEMENT_URL + "/health/ready"))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return false;
            }
            JsonNode health = JSON.readTree(r.body());
            boolean tandemCheck = false;
            for (JsonNode check : health.path("checks")) {
                tandemCheck |= "tandem-event-publication".equals(check.path("name").asText())
                        && "UP".equals(check.path("status").asText());
            }
            return "UP".equals(health.path("status").asText()) && tandemCheck;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Reply send(String apiKey, String method, String path, Object body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(BASE_URL + path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        if (apiKey != null) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        headers.forEach(b::header);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = MissingNode.getInstance();
        String contentType = r.headers().firstValue("Content-Type").orElse("");
        if (!r.body().isEmpty() && contentType.contains("json")) {
            json = JSON.readTree(r.body());
        }
        return new Reply(r.statusCode(), json);
    }
}
