package io.tandem.it.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A tenant's state as the tenant itself reads it: its whole event log (every command appends to it,
 * so any write shows here) and every read the document offers its owner with the tenant's own ids
 * (read models, projection fingerprints, members, keys, audit log, export...). Fields that move
 * without any write (lag, timing, last use of a key) are left out.
 */
final class Snapshot {
    /** Fields that change without a write of the tenant's: projection lag and timing, key usage. */
    static final Set<String> VOLATILE = Set.of("lagMillis", "lagEvents", "checkpoint", "eventsPerSecond", "lastUsedAt",
            "exportedAt", "generatedAt", "asOf", "now");

    final Map<String, String> views;

    private Snapshot(Map<String, String> views) {
        this.views = views;
    }

    static Snapshot of(World w) {
        Map<String, String> views = new LinkedHashMap<>();
        views.put("event log", eventLog(w));
        for (ServedApi.Endpoint e : w.api.endpoints) {
            if (!e.method().equals("GET") || e.anonymous() || e.operatorOnly() || e.path().equals("/api/events")) {
                continue;
            }
            for (Map<String, String> values : pathValues(w, e)) {
                Wire.Request r = w.owner.on(Wire.get(World.expand(e.path(), values)));
                boolean complete = true;
                for (Parameter q : e.in("query")) {
                    if (Boolean.TRUE.equals(q.getRequired())) {
                        complete = false;
                    }
                }
                if (!complete) {
                    continue;
                }
                if (e.in("query").stream().anyMatch(q -> q.getName().equals("limit"))) {
                    r.query("limit", 200);
                }
                Wire.Reply reply = Wire.send(r);
                views.put(r.target(), reply.status() + " " + normalize(reply));
            }
        }
        return new Snapshot(views);
    }

    /**
     * A snapshot once every projector has applied all of the tenant's events but the parked ones
     * (its projection status shows no other lag), polled within a deadline: every read then shows the same log the snapshot's
     * event log does.
     */
    static Snapshot settled(World w) {
        org.awaitility.Awaitility.await().atMost(World.DEADLINE).pollInterval(Duration.ofMillis(100))
                .until(() -> caughtUp(w));
        return of(w);
    }

    private static boolean caughtUp(World w) {
        Wire.Reply status = Wire.send(w.owner.on(Wire.get("/api/admin/projections")));
        if (status.status() != 200) {
            throw new IllegalStateException("cannot read the projection status: " + status.describe());
        }
        for (JsonNode projector : status.json()) {
            // The world parks a poisoned event on purpose: parked and held events stay unapplied.
            if (projector.path("lagEvents").asLong() > projector.path("parked").asLong()) {
                return false;
            }
        }
        return status.json().size() > 0;
    }

    /** What differs from an earlier snapshot, one line per read. */
    List<String> changesSince(Snapshot before) {
        List<String> changes = new ArrayList<>();
        Set<String> keys = new TreeSet<>(before.views.keySet());
        keys.addAll(views.keySet());
        for (String key : keys) {
            if (!Objects.equals(before.views.get(key), views.get(key))) {
                String was = Objects.toString(before.views.get(key));
                String is = Objects.toString(views.get(key));
                int at = firstDifference(was, is);
                changes.add(key + " (first difference at character " + at + ")"
                        + "\n      before: " + around(was, at) + "\n      after:  " + around(is, at));
            }
        }
        return changes;
    }

    private static int firstDifference(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            if (a.charAt(i) != b.charAt(i)) {
                return i;
            }
        }
        return n;
    }

    /** The text around a position: a long answer differs deep inside, where a prefix would not reach. */
    private static String around(String s, int at) {
        int from = Math.max(0, at - 150);
        int to = Math.min(s.length(), at + 250);
        return (from > 0 ? "…" : "") + s.substring(from, to) + (to < s.length() ? "…(" + s.length() + " chars)" : "");
    }

    private static String eventLog(World w) {
        List<String> ids = new ArrayList<>();
        long after = 0;
        for (int page = 0; page < 100; page++) {
            Wire.Reply reply = Wire.send(w.owner.on(Wire.get("/api/events")).query("after", after).query("limit", 200));
            if (reply.status() != 200) {
                return "unreadable: " + reply.describe();
            }
            JsonNode items = reply.json().path("items");
            for (JsonNode item : items) {
                ids.add(item.path("position").asText() + ":" + item.path("type").asText() + ":" + item.path("eventId").asText());
                after = Math.max(after, item.path("position").asLong());
            }
            if (items.size() < 200) {
                break;
            }
        }
        return ids.size() + " events " + ids;
    }

    /** The ways to fill an operation's path parameters with the tenant's own values (each projector for name). */
    private static List<Map<String, String>> pathValues(World w, ServedApi.Endpoint e) {
        List<Map<String, String>> all = new ArrayList<>();
        all.add(new LinkedHashMap<>());
        for (String p : e.pathParameterNames()) {
            List<String> options;
            if (p.equals("name")) {
                options = w.projectors;
            } else {
                options = w.id(p).map(id -> List.of(id.toString())).orElse(List.of());
            }
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : all) {
                for (String o : options) {
                    Map<String, String> m = new LinkedHashMap<>(partial);
                    m.put(p, o);
                    next.add(m);
                }
            }
            all = next;
        }
        return all;
    }

    static String normalize(Wire.Reply reply) {
        JsonNode j = reply.json();
        if (j == null) {
            return reply.body();
        }
        strip(j);
        return j.toString();
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            if (o.has("aggregateTypes") || o.has("lagEvents")) {
                o.remove("state");
            }
            o.remove(VOLATILE);
            o.forEach(Snapshot::strip);
        } else if (node.isArray()) {
            node.forEach(Snapshot::strip);
        }
    }
}
