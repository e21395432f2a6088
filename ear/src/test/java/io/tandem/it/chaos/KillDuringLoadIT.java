package io.tandem.it.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Crash safety under load: WildFly is killed with SIGKILL while clients keep sending commands, and
 * started again, several times ({@code -Dtandem.chaos.kills}, 3 by default). The clients keep a log
 * of every command the server acknowledged (2xx). Afterwards every acknowledged command must be in
 * the event log, and once the projectors have caught up every read model must equal what a fold of
 * the event log says. Prints one line of figures, including the catch-up time.
 *
 * <p>It kills the server the build started for all integration tests, so it always leaves one
 * running and ready, also when it fails. Files for a post-mortem go next to the server's base dir
 * (target/chaos-*): the acknowledged commands, the event stream, the differences, each restart's
 * console output.
 */
class KillDuringLoadIT {
    private static final int KILLS = Integer.getInteger("tandem.chaos.kills", 3);
    private static final int CLIENTS = 8;
    private static final int PROJECTS = 4;
    /** Acknowledged commands required after each (re)start before the next kill, and before the end. */
    private static final int ACKNOWLEDGED_BETWEEN_KILLS = 100;
    private static final Duration PROGRESS_DEADLINE = Duration.ofSeconds(60);
    private static final Duration READY_DEADLINE = Duration.ofSeconds(180);
    private static final Duration CATCH_UP_DEADLINE = Duration.ofSeconds(60);

    private final ChaosHttp http = new ChaosHttp();
    private final List<Instant> kills = new ArrayList<>();
    private final TestServer server = TestServer.fromSystemProperties(http);

    @Test
    void acknowledgedCommandsSurviveRepeatedKillNine() throws Exception {
        assertThat(server.ready()).as("the server the build started is ready before the first kill").isTrue();
        ExecutorService readers = Executors.newFixedThreadPool(CLIENTS);
        CommandLoad load = null;
        Throwable failure = null;
        try {
            var tenant = http.signUp("Chaos " + UUID.randomUUID());
            List<CommandLoad.Ack> projects = createProjects(tenant);
            load = new CommandLoad(http, tenant, projects.stream().map(CommandLoad.Ack::aggregateId).toList());
            projects.forEach(load::acknowledged);

            // Other tests on this server may have made lost events on purpose (CommittedOnlyIT): count only this test's.
            long serverLogBefore = Files.size(server.serverLog());
            load.start(CLIENTS);
            long loadStarted = System.nanoTime();
            List<Duration> downtimes = killAndRestartUnderLoad(load);
            awaitProgress(load, "after the last restart");
            load.stop();
            long loadStopped = System.nanoTime();

            List<CommandLoad.Ack> acknowledged = load.acknowledged();
            load.write(server.targetDir().resolve("chaos-acknowledged.csv"));
            List<JsonNode> stream = http.events(tenant);
            Files.writeString(server.targetDir().resolve("chaos-events.json"),
                    ChaosHttp.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(stream));
            Files.writeString(server.targetDir().resolve("chaos-tenant.txt"),
                    "tenant " + tenant.id() + "\napi key " + tenant.apiKey() + "\n");

            // (1) Every acknowledged command is in the event log, as acknowledged.
            EventLogFold fold = EventLogFold.of(stream);
            List<String> missing = new ArrayList<>();
            // The aggregates of acknowledged commands the log lost or records differently, for the forensics.
            Set<UUID> unfaithful = new LinkedHashSet<>();
            List<String> mismatched = new ArrayList<>();
            for (CommandLoad.Ack ack : acknowledged) {
                EventLogFold.Logged logged = fold.at(ack.aggregateId(), ack.version());
                if (logged == null) {
                    missing.add(ack.toString());
                    unfaithful.add(ack.aggregateId());
                } else if (!logged.type().equals(ack.kind().eventType) || logged.position() != ack.position()
                        || (ack.to() != null && !ack.to().equals(logged.to()))) {
                    mismatched.add(ack + " but the log has " + logged);
                    unfaithful.add(ack.aggregateId());
                }
            }

            // (2) and (3) Once caught up, every read model equals the fold, and shows nothing else.
            var comparison = new ReadModelComparison(http, tenant, fold, readers);
            List<String> differences = comparison.differences(false);
            long deadline = loadStopped + CATCH_UP_DEADLINE.toNanos();
            while (!differences.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(200);
                differences = comparison.differences(false);
            }
            Duration catchUp = Duration.ofNanos(System.nanoTime() - loadStopped);
            if (differences.isEmpty()) {
                // Settled tasks were skipped while polling; the verdict re-reads every read model.
                differences = comparison.differences(true);
            }
            Files.write(server.targetDir().resolve("chaos-differences.txt"), differences);
            List<JsonNode> streamAfterwards = http.events(tenant);
            Set<UUID> suspects = new LinkedHashSet<>(unfaithful);
            suspects.addAll(ChaosForensics.taskIds(differences));
            List<String> forensics = suspects.isEmpty() ? List.of() : forensics(suspects);

            System.out.printf("chaos: kills=%d acknowledged=%d missing=%d mismatched=%d events=%d log-anomalies=%d"
                            + " tasks=%d projects=%d differences=%d catch-up=%.1fs%s downtime(median)=%.1fs%n",
                    KILLS, acknowledged.size(), missing.size(), mismatched.size(), fold.events(), fold.anomalies().size(),
                    fold.tasks().size(), fold.projects().size(), differences.size(), seconds(catchUp),
                    differences.isEmpty() ? "" : " (deadline passed)", seconds(median(downtimes)));
            Duration up = Duration.ofNanos(loadStopped - loadStarted).minus(downtimes.stream().reduce(Duration.ZERO, Duration::plus));
            System.out.printf("chaos: load %.1fs while up (%.0f acknowledged/s), downtimes=%s, request outcomes=%s%n",
                    seconds(up), acknowledged.size() / Math.max(0.001, seconds(up)),
                    downtimes.stream().map(d -> String.format("%.1fs", seconds(d))).toList(), load.outcomes());
            if (!differences.isEmpty()) {
                System.out.printf("chaos: differences by kind: %s%n", byKind(differences));
            }
            System.out.printf("chaos: published events the database lost in a kill, dropped by the projectors: %d%n",
                    ChaosForensics.lostAfterPublishing(server.serverLog(), serverLogBefore).size());

            SoftAssertions softly = new SoftAssertions();
            softly.assertThat(examples(missing)).as("acknowledged commands missing from the event log (%d; what the"
                    + " database holds for them:%n%s%n)", missing.size(), String.join(System.lineSeparator(), forensics))
                    .isEmpty();
            softly.assertThat(examples(mismatched)).as("acknowledged commands the event log records differently (%d; what"
                    + " the database holds for them:%n%s%n)", mismatched.size(), String.join(System.lineSeparator(), forensics))
                    .isEmpty();
            softly.assertThat(examples(fold.anomalies())).as("anomalies in the event log itself (%d)",
                    fold.anomalies().size()).isEmpty();
            softly.assertThat(examples(differences)).as("read models differing from the fold of the event log (%d; by kind %s;"
                    + " what the database holds for them:%n%s%n)", differences.size(), byKind(differences),
                    String.join(System.lineSeparator(), forensics)).isEmpty();
            softly.assertThat(streamAfterwards.size()).as("events appended after the load had stopped").isEqualTo(stream.size());
            softly.assertAll();
        } catch (Throwable t) {
            failure = t;
            throw t;
        } finally {
            if (load != null) {
                load.stop();
            }
            readers.shutdownNow();
            leaveServerReady(failure);
        }
    }

    private List<CommandLoad.Ack> createProjects(ChaosHttp.Tenant tenant) throws Exception {
        List<CommandLoad.Ack> created = new ArrayList<>();
        for (int i = 0; i < PROJECTS; i++) {
            String key = "K" + UUID.randomUUID().toString().replace("-", "").substring(0, 11).toUpperCase();
            var r = http.post(tenant, "/api/projects", Map.of("name", "Chaos " + i, "key", key), Map.of());
            assertThat(r.status()).as("create project: %s", r.body()).isEqualTo(201);
            created.add(new CommandLoad.Ack(CommandLoad.Kind.PROJECT_CREATED, UUID.fromString(r.body().get("id").asText()),
                    r.body().get("version").asLong(), r.body().get("position").asLong(), null));
        }
        return created;
    }

    /** KILLS times: let the load make progress, kill -9 the server, start it again, wait until ready. */
    private List<Duration> killAndRestartUnderLoad(CommandLoad load) throws Exception {
        List<Duration> downtimes = new ArrayList<>();
        for (int kill = 1; kill <= KILLS; kill++) {
            awaitProgress(load, "before kill " + kill);
            // Jitter, so that kills land at different points of commands, relay and projectors.
            Thread.sleep(ThreadLocalRandom.current().nextInt(1000));
            long killedAt = System.nanoTime();
            kills.add(Instant.now());
            server.killNine();
            Path console = server.targetDir().resolve("chaos-restart-" + kill + ".log");
            Process restarted = server.start(console);
            server.awaitReady(READY_DEADLINE, Optional.of(restarted), console);
            downtimes.add(Duration.ofNanos(System.nanoTime() - killedAt));
        }
        return downtimes;
    }

    private void awaitProgress(CommandLoad load, String when) throws InterruptedException {
        long since = load.acknowledgedCount();
        assertThat(load.awaitAcknowledged(since, ACKNOWLEDGED_BETWEEN_KILLS, PROGRESS_DEADLINE))
                .as("%d commands acknowledged within %s %s (request outcomes so far: %s)",
                        ACKNOWLEDGED_BETWEEN_KILLS, PROGRESS_DEADLINE, when, load.outcomes())
                .isTrue();
    }

    /**
     * The database's own rows for the aggregates a failed check names, written next to the other
     * files and put into the failures' messages (CI shows only those). On H2 this kills the server to
     * read its file; {@link #leaveServerReady} starts it again.
     */
    private List<String> forensics(Set<UUID> aggregates) {
        List<String> lines;
        try {
            lines = ChaosForensics.collect(server, aggregates, kills);
        } catch (Exception | AssertionError e) {
            lines = List.of("forensics failed: " + e);
        }
        try {
            Files.write(server.targetDir().resolve("chaos-forensics.txt"), lines);
        } catch (IOException e) {
            return List.of("forensics not written: " + e);
        }
        return lines;
    }

    /** Other ITs share this server: whatever happened, hand it back running and ready. */
    private void leaveServerReady(Throwable failure) throws Exception {
        try {
            if (server.ready()) {
                return;
            }
            Optional<Process> started = Optional.empty();
            Path console = server.targetDir().resolve("chaos-restart-final.log");
            if (server.processes().isEmpty()) {
                started = Optional.of(server.start(console));
            }
            server.awaitReady(READY_DEADLINE, started, console);
        } catch (Exception | AssertionError e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
    }

    /** Differences counted by their wording with ids and numbers taken out. */
    private static Map<String, Long> byKind(List<String> differences) {
        return differences.stream()
                .map(d -> d.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>")
                        .replaceAll("\\b(todo|in_progress|done)\\b", "<status>")
                        .replaceAll("\\d+", "N"))
                .collect(Collectors.groupingBy(k -> k, TreeMap::new, Collectors.counting()));
    }

    private static List<String> examples(List<String> lines) {
        return lines.size() <= 10 ? lines : lines.subList(0, 10);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static Duration median(List<Duration> durations) {
        if (durations.isEmpty()) {
            return Duration.ZERO;
        }
        List<Duration> sorted = durations.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
    }
}
