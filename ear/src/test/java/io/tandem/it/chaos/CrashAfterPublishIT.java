package io.tandem.it.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The server dies between publishing an event to the broker and marking it published in the
 * outbox (the test-only crash-after-publish fault halts the JVM there, once). After the restart the
 * relay publishes the event again; the projectors must apply it exactly once: lost 0, twice 0.
 */
class CrashAfterPublishIT {
    private final ChaosHttp http = new ChaosHttp();
    private final TestServer server = TestServer.fromSystemProperties(http);

    @Test
    void anEventPublishedJustBeforeACrashIsNeitherLostNorAppliedTwice() throws Exception {
        ChaosHttp.Tenant tenant = http.signUp("Crash after publish");
        ChaosHttp.Reply project = http.post(tenant, "/api/projects", Map.of("name", "Crash", "key", "C" + suffix()), Map.of());
        assertThat(project.status()).isEqualTo(201);
        String projectId = project.body().get("id").asText();
        ChaosHttp.Reply task = http.post(tenant, "/api/projects/" + projectId + "/tasks", Map.of("title", "Survivor"), Map.of());
        String taskId = task.body().get("id").asText();
        assertThat(http.post(tenant, "/api/tasks/" + taskId + "/move", Map.of("status", "in_progress"),
                Map.of("If-Match", "\"1\"")).status()).isEqualTo(200);

        Path console = server.targetDir().resolve("crash-after-publish-restart.log");
        try {
            try {
                // The command commits, then the relay publishes its event and halts the server.
                http.post(tenant, "/api/tasks/" + taskId + "/move", Map.of("status", "done"),
                        Map.of("If-Match", "\"2\"", "Tandem-Fault", "crash-after-publish"));
            } catch (IOException e) {
                // The server may die before it answers; the event is committed either way.
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!server.processes().stream().filter(p -> p.isAlive()).toList().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(server.processes().stream().filter(ProcessHandle::isAlive).toList())
                    .as("the crash-after-publish fault halts the server").isEmpty();
            long started = System.nanoTime();
            server.awaitReady(Duration.ofSeconds(180), Optional.of(server.start(console)), console);
            System.out.printf("crash after publish: restarted and ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
        } finally {
            if (!server.ready()) {
                server.awaitReady(Duration.ofSeconds(180), Optional.of(server.start(console)), console);
            }
        }

        List<JsonNode> moves = http.events(tenant).stream().filter(e -> "TaskMoved".equals(e.get("type").asText())).toList();
        assertThat(moves).hasSize(2);
        assertThat(moves.get(1).get("payload").get("to").asText()).isEqualTo("done");

        // Applied exactly once: the done count is 1 (0 would be lost, 2 applied twice), and a later
        // move of the task, which is applied only after version 3, brings it back to 0.
        awaitProject(tenant, projectId, 1, 1);
        assertThat(http.post(tenant, "/api/tasks/" + taskId + "/move", Map.of("status", "in_progress"),
                Map.of("If-Match", "\"3\"")).status()).isEqualTo(200);
        awaitProject(tenant, projectId, 1, 0);
        JsonNode seen = http.get(tenant, "/api/tasks/" + taskId).body();
        assertThat(seen.get("version").asLong()).isEqualTo(4);
        System.out.println("crash after publish: lost 0, applied twice 0");
    }

    private void awaitProject(ChaosHttp.Tenant tenant, String projectId, long tasks, long done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            ChaosHttp.Reply r = http.get(tenant, "/api/projects/" + projectId);
            if (r.status() == 200) {
                last = r.body();
                if (last.get("taskCount").asLong() == tasks && last.get("doneCount").asLong() == done) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("project never showed taskCount=" + tasks + " doneCount=" + done + "; last: " + last);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
    }
}
