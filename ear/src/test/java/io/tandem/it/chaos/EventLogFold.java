package io.tandem.it.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the read models must show, computed on the client from the tenant's event stream alone: per
 * task its project, status and version; per project its tasks. Folding also checks the log itself:
 * positions strictly increasing, each aggregate's versions 1, 2, 3… without gap or repeat, and every
 * TaskMoved starting from the status the fold holds at that point.
 */
final class EventLogFold {
    static final List<String> STATUSES = List.of("todo", "in_progress", "done");

    record TaskState(UUID projectId, String status, long version) {}

    record Key(UUID aggregateId, long version) {}

    /** One event as the log holds it, reduced to what the checks compare. */
    record Logged(String type, long position, String to) {}

    private final Map<Key, Logged> byAggregateVersion = new HashMap<>();
    private final Map<UUID, TaskState> tasks = new LinkedHashMap<>();
    private final Set<UUID> projects = new LinkedHashSet<>();
    private final List<String> anomalies = new ArrayList<>();
    private int events;
    private long lastPosition;

    static EventLogFold of(List<JsonNode> stream) {
        EventLogFold fold = new EventLogFold();
        stream.forEach(fold::apply);
        return fold;
    }

    private void apply(JsonNode e) {
        events++;
        long position = e.get("position").asLong();
        String type = e.get("type").asText();
        UUID aggregateId = UUID.fromString(e.get("aggregateId").asText());
        long version = e.get("aggregateVersion").asLong();
        JsonNode payload = e.path("payload");
        if (position <= lastPosition) {
            anomalies.add("position " + position + " (" + type + ") follows " + lastPosition);
        }
        lastPosition = Math.max(lastPosition, position);

        Key key = new Key(aggregateId, version);
        Logged previous = byAggregateVersion.put(key, new Logged(type, position, payload.path("to").asText(null)));
        if (previous != null) {
            anomalies.add("duplicate " + type + " " + aggregateId + " v" + version + " at positions "
                    + previous.position() + " and " + position);
            return;
        }
        if (version > 1 && !byAggregateVersion.containsKey(new Key(aggregateId, version - 1))) {
            anomalies.add("gap: " + type + " " + aggregateId + " v" + version + " at " + position + " without v" + (version - 1));
        }

        switch (type) {
            case "ProjectCreated" -> projects.add(aggregateId);
            case "TaskCreated" -> {
                UUID projectId = UUID.fromString(payload.get("projectId").asText());
                if (!projects.contains(projectId)) {
                    anomalies.add("TaskCreated " + aggregateId + " at " + position + " in unknown project " + projectId);
                }
                if (version != 1) {
                    anomalies.add("TaskCreated " + aggregateId + " at " + position + " has version " + version);
                }
                tasks.put(aggregateId, new TaskState(projectId, payload.get("status").asText(), version));
            }
            case "TaskMoved" -> {
                TaskState before = tasks.get(aggregateId);
                if (before == null) {
                    anomalies.add("TaskMoved " + aggregateId + " at " + position + " of a task never created");
                    return;
                }
                String from = payload.get("from").asText();
                String to = payload.get("to").asText();
                if (!from.equals(before.status()) || !allowed(from, to)) {
                    anomalies.add("TaskMoved " + aggregateId + " v" + version + " at " + position + " " + from + "->" + to
                            + " while the fold has " + before.status());
                }
                tasks.put(aggregateId, new TaskState(before.projectId(), to, version));
            }
            default -> {
                // tenancy events: part of the stream, not of the tracker's read models
            }
        }
    }

    private static boolean allowed(String from, String to) {
        return switch (from) {
            case "todo" -> to.equals("in_progress");
            case "in_progress" -> to.equals("todo") || to.equals("done");
            case "done" -> to.equals("in_progress");
            default -> false;
        };
    }

    int events() {
        return events;
    }

    long lastPosition() {
        return lastPosition;
    }

    List<String> anomalies() {
        return anomalies;
    }

    Logged at(UUID aggregateId, long version) {
        return byAggregateVersion.get(new Key(aggregateId, version));
    }

    Map<UUID, TaskState> tasks() {
        return tasks;
    }

    Set<UUID> projects() {
        return projects;
    }

    Map<UUID, TaskState> tasksOf(UUID projectId) {
        Map<UUID, TaskState> of = new LinkedHashMap<>();
        tasks.forEach((id, t) -> {
            if (t.projectId().equals(projectId)) {
                of.put(id, t);
            }
        });
        return of;
    }

    long count(UUID projectId, String status) {
        return tasks.values().stream().filter(t -> t.projectId().equals(projectId) && t.status().equals(status)).count();
    }

    /** Ids that are tasks in this log (a read model showing any other id invented it). */
    Set<UUID> taskIds() {
        return new HashSet<>(tasks.keySet());
    }
}
