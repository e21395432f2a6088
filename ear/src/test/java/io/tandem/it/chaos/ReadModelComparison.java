package io.tandem.it.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The tracker's read models, as the API serves them, against the fold of the event log: the project
 * list, each project (task and done counts), each board (counts per status, total, and every card
 * with its column and version) and each task. Every difference is one line of text.
 */
final class ReadModelComparison {
    private final ChaosHttp http;
    private final ChaosHttp.Tenant tenant;
    private final EventLogFold fold;
    private final ExecutorService pool;
    /** Tasks seen equal to the fold once; skipped by {@link #differences(boolean)} unless asked for all. */
    private final Set<UUID> settled = ConcurrentHashMap.newKeySet();

    ReadModelComparison(ChaosHttp http, ChaosHttp.Tenant tenant, EventLogFold fold, ExecutorService pool) {
        this.http = http;
        this.tenant = tenant;
        this.fold = fold;
        this.pool = pool;
    }

    /**
     * One comparison pass. With {@code all} false, tasks already seen equal are not fetched again
     * (once the load has stopped a task's final state cannot change); a pass with {@code all} true
     * re-checks everything.
     */
    List<String> differences(boolean all) throws Exception {
        List<Callable<List<String>>> checks = new ArrayList<>();
        checks.add(this::projectList);
        for (UUID project : fold.projects()) {
            checks.add(() -> project(project));
            checks.add(() -> board(project));
        }
        for (Map.Entry<UUID, EventLogFold.TaskState> task : fold.tasks().entrySet()) {
            if (all || !settled.contains(task.getKey())) {
                checks.add(() -> task(task.getKey(), task.getValue()));
            }
        }
        List<String> differences = new ArrayList<>();
        for (Future<List<String>> f : pool.invokeAll(checks, 120, TimeUnit.SECONDS)) {
            if (f.isCancelled()) {
                differences.add("a read-model request did not answer in time");
            } else {
                differences.addAll(f.get());
            }
        }
        return differences;
    }

    private List<String> projectList() throws Exception {
        Set<UUID> listed = new HashSet<>();
        for (int offset = 0; offset < 100_000; offset += 200) {
            var r = http.get(tenant, "/api/projects?limit=200&offset=" + offset);
            if (r.status() != 200) {
                return List.of("GET /api/projects answered " + r.status());
            }
            JsonNode items = r.body().get("items");
            items.forEach(p -> listed.add(UUID.fromString(p.get("id").asText())));
            if (items.size() < 200) {
                break;
            }
        }
        List<String> d = new ArrayList<>();
        for (UUID p : fold.projects()) {
            if (!listed.contains(p)) {
                d.add("project " + p + " missing from GET /api/projects");
            }
        }
        for (UUID p : listed) {
            if (!fold.projects().contains(p)) {
                d.add("project " + p + " listed but never created in the event log");
            }
        }
        return d;
    }

    private List<String> project(UUID id) throws Exception {
        var r = http.get(tenant, "/api/projects/" + id);
        if (r.status() != 200) {
            return List.of("project " + id + ": GET answered " + r.status());
        }
        long tasks = fold.tasksOf(id).size();
        long done = fold.count(id, "done");
        List<String> d = new ArrayList<>();
        if (r.body().get("taskCount").asLong() != tasks || r.body().get("doneCount").asLong() != done) {
            d.add("project " + id + ": taskCount/doneCount " + r.body().get("taskCount") + "/" + r.body().get("doneCount")
                    + ", the log says " + tasks + "/" + done);
        }
        return d;
    }

    private List<String> board(UUID id) throws Exception {
        var r = http.get(tenant, "/api/projects/" + id + "/board");
        if (r.status() != 200) {
            return List.of("board " + id + ": GET answered " + r.status());
        }
        Map<UUID, EventLogFold.TaskState> expected = fold.tasksOf(id);
        List<String> d = new ArrayList<>();
        if (r.body().get("total").asLong() != expected.size()) {
            d.add("board " + id + ": total " + r.body().get("total") + ", the log says " + expected.size());
        }
        Set<UUID> carded = new HashSet<>();
        for (JsonNode column : r.body().get("columns")) {
            String status = column.get("status").asText();
            long want = fold.count(id, status);
            if (column.get("count").asLong() != want) {
                d.add("board " + id + ": " + status + " count " + column.get("count") + ", the log says " + want);
            }
            for (JsonNode card : column.get("tasks")) {
                UUID taskId = UUID.fromString(card.get("id").asText());
                carded.add(taskId);
                EventLogFold.TaskState t = expected.get(taskId);
                if (t == null) {
                    d.add("board " + id + ": card " + taskId + " is no task of this project in the event log"
                            + (fold.tasks().containsKey(taskId) ? " (it belongs to another)" : ""));
                } else if (!t.status().equals(status) || t.version() != card.get("version").asLong()) {
                    d.add("board " + id + ": card " + taskId + " in " + status + " v" + card.get("version")
                            + ", the log says " + t.status() + " v" + t.version());
                }
            }
        }
        // Every card is listed: a project holds at most 150 tasks and a column lists up to 200.
        for (UUID taskId : expected.keySet()) {
            if (!carded.contains(taskId)) {
                d.add("board " + id + ": no card for task " + taskId);
            }
        }
        return d;
    }

    private List<String> task(UUID id, EventLogFold.TaskState expected) throws Exception {
        var r = http.get(tenant, "/api/tasks/" + id);
        if (r.status() != 200) {
            return List.of("task " + id + ": GET answered " + r.status() + ", the log says " + expected.status() + " v" + expected.version());
        }
        String status = r.body().get("status").asText();
        long version = r.body().get("version").asLong();
        UUID project = UUID.fromString(r.body().get("projectId").asText());
        if (!status.equals(expected.status()) || version != expected.version() || !project.equals(expected.projectId())) {
            return List.of("task " + id + ": " + status + " v" + version + " in " + project + ", the log says "
                    + expected.status() + " v" + expected.version() + " in " + expected.projectId());
        }
        settled.add(id);
        return List.of();
    }
}
