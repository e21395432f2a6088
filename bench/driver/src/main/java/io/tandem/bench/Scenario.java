package io.tandem.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * What a client sends: each client thread gets its own {@link Client} (its own random stream and,
 * for the command mix, the tasks it created), so clients never contend on shared state.
 */
interface Scenario {

    Client client(int index);

    interface Client {
        Request next();

        /** Called with every answer, so a client can follow up (move the task it created). */
        default void answered(Request request, Response response) {}
    }

    static Scenario named(String name, Seed seed, Map<String, Integer> mix) {
        return switch (name) {
            case "commands" -> new CommandMix(seed, mix);
            case "board" -> i -> {
                var rnd = new SplittableRandom(i * 7919L + System.nanoTime());
                return () -> {
                    var p = pick(seed.projects(), rnd);
                    return Request.get("board", "/api/projects/" + p.id() + "/board", bearer(p), false);
                };
            };
            case "task" -> i -> {
                var rnd = new SplittableRandom(i * 7919L + System.nanoTime());
                return () -> {
                    var t = pick(seed.tasks(), rnd);
                    return Request.get("task", "/api/tasks/" + t.id(), bearer(t), false);
                };
            };
            case "projects" -> i -> {
                var rnd = new SplittableRandom(i * 7919L + System.nanoTime());
                return () -> {
                    var t = pick(seed.tenants(), rnd);
                    return Request.get("projects", "/api/projects", bearer(t), false);
                };
            };
            case "ping" -> i -> () -> Request.get("ping", "/baseline/ping", "", false);
            case "b3-board" -> i -> {
                var rnd = new SplittableRandom(i * 7919L + System.nanoTime());
                return () -> {
                    var p = pick(seed.projects(), rnd);
                    return Request.get("b3-board", "/baseline/projects/" + p.id() + "/board", tenantHeader(p), false);
                };
            };
            case "b3-create" -> i -> {
                var rnd = new SplittableRandom(i * 7919L + System.nanoTime());
                return () -> {
                    var p = pick(seed.projects(), rnd);
                    return Request.post("b3-create", "/baseline/projects/" + p.id() + "/tasks", tenantHeader(p), CommandMix.TASK_BODY);
                };
            };
            default -> throw new IllegalArgumentException("unknown scenario " + name
                    + "; one of commands, board, task, projects, ping, b3-board, b3-create");
        };
    }

    static <T> T pick(List<T> items, SplittableRandom rnd) {
        return items.get(rnd.nextInt(items.size()));
    }

    static String bearer(Seed.Item item) {
        return "Authorization: Bearer " + item.apiKey() + "\r\n";
    }

    static String tenantHeader(Seed.Item item) {
        return "X-Tenant: " + item.tenantId() + "\r\n";
    }

    /** "create-task=60,move-task=30,create-project=10" as an ordered map. */
    static Map<String, Integer> parseMix(String spec) {
        Map<String, Integer> mix = new TreeMap<>();
        for (String part : spec.split(",")) {
            String[] kv = part.split("=");
            mix.put(kv[0].trim(), Integer.parseInt(kv[1].trim()));
        }
        return mix;
    }

    /**
     * The command mix: create task, move task (one of the tasks this client created, with If-Match
     * from the version its last command returned, along the allowed transitions) and create project,
     * over random seeded projects. Keeping each client to its own tasks means a 412 is a bug, not a
     * race between clients.
     */
    final class CommandMix implements Scenario {
        static final String TASK_BODY = "{\"title\":\"Bench task\",\"description\":\"created by the benchmark driver\",\"priority\":\"normal\"}";
        private static final int OWN_TASKS = 1000;
        private final Seed seed;
        private final int createTask;
        private final int moveTask;
        private final int total;
        /** Project keys must be unique per tenant across every run against one database. */
        private final String runTag;

        CommandMix(Seed seed, Map<String, Integer> mix) {
            this.seed = seed;
            this.createTask = mix.getOrDefault("create-task", 0);
            this.moveTask = mix.getOrDefault("move-task", 0);
            this.total = createTask + moveTask + mix.getOrDefault("create-project", 0);
            if (total <= 0) {
                throw new IllegalArgumentException("empty command mix " + mix);
            }
            var rnd = new java.security.SecureRandom();
            StringBuilder tag = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                tag.append("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".charAt(rnd.nextInt(36)));
            }
            this.runTag = tag.toString();
        }

        @Override
        public Client client(int index) {
            return new Client() {
                final SplittableRandom rnd = new SplittableRandom(index * 104729L + System.nanoTime());
                final List<OwnTask> own = new ArrayList<>();
                int projects;

                @Override
                public Request next() {
                    int roll = rnd.nextInt(total);
                    if (roll < createTask || (roll < createTask + moveTask && own.isEmpty())) {
                        var p = pick(seed.projects(), rnd);
                        return Request.post("create-task", "/api/projects/" + p.id() + "/tasks", bearer(p), TASK_BODY);
                    }
                    if (roll < createTask + moveTask) {
                        OwnTask t = own.get(rnd.nextInt(own.size()));
                        String to = switch (t.status) {
                            case "todo" -> "in_progress";
                            case "in_progress" -> rnd.nextInt(10) < 7 ? "done" : "todo";
                            default -> "in_progress";
                        };
                        return Request.post("move-task", "/api/tasks/" + t.id + "/move",
                                "Authorization: Bearer " + t.apiKey + "\r\nIf-Match: \"" + t.version + "\"\r\n",
                                "{\"status\":\"" + to + "\"}");
                    }
                    var p = pick(seed.tenants(), rnd);
                    String key = "P" + runTag + Integer.toString(index, 36).toUpperCase() + "X"
                            + Integer.toString(projects++, 36).toUpperCase();
                    return Request.post("create-project", "/api/projects", bearer(p),
                            "{\"name\":\"Bench project " + key + "\",\"key\":\"" + key + "\"}");
                }

                @Override
                public void answered(Request request, Response response) {
                    switch (request.type()) {
                        case "create-task" -> {
                            if (response.status() == 201) {
                                String apiKey = request.headerValue("Authorization").substring("Bearer ".length());
                                OwnTask t = new OwnTask(response.field("id"), apiKey, Long.parseLong(response.field("version")), "todo");
                                if (own.size() < OWN_TASKS) {
                                    own.add(t);
                                } else {
                                    own.set(rnd.nextInt(OWN_TASKS), t);
                                }
                            }
                        }
                        case "move-task" -> {
                            String id = request.target().substring("/api/tasks/".length(), request.target().length() - "/move".length());
                            for (int i = 0; i < own.size(); i++) {
                                OwnTask t = own.get(i);
                                if (t.id.equals(id)) {
                                    if (response.status() == 200) {
                                        String body = new String(request.body(), java.nio.charset.StandardCharsets.UTF_8);
                                        t.status = body.substring(body.indexOf(":\"") + 2, body.lastIndexOf('"'));
                                        t.version = Long.parseLong(response.field("version"));
                                    } else {
                                        own.remove(i);
                                    }
                                    break;
                                }
                            }
                        }
                        default -> {
                            // create-project: nothing to follow up
                        }
                    }
                }
            };
        }

        static final class OwnTask {
            final String id;
            final String apiKey;
            long version;
            String status;

            OwnTask(String id, String apiKey, long version, String status) {
                this.id = id;
                this.apiKey = apiKey;
                this.version = version;
                this.status = status;
            }
        }
    }
}
