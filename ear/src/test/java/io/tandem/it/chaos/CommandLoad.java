package io.tandem.it.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady command load from a few client threads: each creates tasks and moves them along the
 * workflow with the version the server last returned for them. Only a 2xx answer goes into the
 * client-side log of acknowledged commands; a refused connection, a reset, a timeout or a 5xx is an
 * unknown outcome, the command is not acknowledged, and the load simply goes on (a stale version
 * then shows as 412 and the task is forgotten; its state lives on in the event log).
 */
final class CommandLoad {
    /**
     * A project takes at most this many task creations (acknowledged or of unknown outcome), so its
     * board lists every card (200 per column); then the client creates a new project.
     */
    static final int TASKS_PER_PROJECT = 150;
    private static final int TASKS_KEPT_PER_CLIENT = 25;

    enum Kind {
        PROJECT_CREATED("ProjectCreated"), TASK_CREATED("TaskCreated"), TASK_MOVED("TaskMoved");

        final String eventType;

        Kind(String eventType) {
            this.eventType = eventType;
        }
    }

    /** One acknowledged command, as the client saw it: what it was and what the server answered. */
    record Ack(Kind kind, UUID aggregateId, long version, long position, String to) {}

    private final ChaosHttp http;
    private final ChaosHttp.Tenant tenant;
    private final List<UUID> initialProjects;
    private final Queue<Ack> acknowledged = new ConcurrentLinkedQueue<>();
    private final AtomicLong acknowledgedCount = new AtomicLong();
    private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> creationsPerProject = new ConcurrentHashMap<>();
    private final List<Thread> clients = new ArrayList<>();
    private volatile boolean running;

    CommandLoad(ChaosHttp http, ChaosHttp.Tenant tenant, List<UUID> initialProjects) {
        this.http = http;
        this.tenant = tenant;
        this.initialProjects = List.copyOf(initialProjects);
        initialProjects.forEach(p -> creationsPerProject.put(p, new AtomicInteger()));
    }

    /** Records a command acknowledged outside the load (the set-up's projects). */
    void acknowledged(Ack ack) {
        acknowledged.add(ack);
        acknowledgedCount.incrementAndGet();
    }

    void start(int threads) {
        running = true;
        for (int i = 0; i < threads; i++) {
            Client client = new Client(initialProjects.get(i % initialProjects.size()));
            Thread t = new Thread(client, "chaos-client-" + i);
            t.setDaemon(true);
            clients.add(t);
            t.start();
        }
    }

    /** Stops the clients and waits for their last requests (bounded by the request timeout). */
    void stop() throws InterruptedException {
        running = false;
        for (Thread t : clients) {
            t.join(Duration.ofSeconds(30).toMillis());
            if (t.isAlive()) {
                t.interrupt();
                t.join(Duration.ofSeconds(5).toMillis());
            }
        }
    }

    long acknowledgedCount() {
        return acknowledgedCount.get();
    }

    /** Waits, at most {@code max}, until {@code count} more commands were acknowledged than {@code since}. */
    boolean awaitAcknowledged(long since, long count, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (acknowledgedCount.get() - since >= count) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    List<Ack> acknowledged() {
        return List.copyOf(acknowledged);
    }

    /** How the requests ended, by status or exception type. */
    Map<String, Long> outcomes() {
        Map<String, Long> copy = new TreeMap<>();
        outcomes.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** The acknowledged commands as CSV, for a look after a failure. */
    void write(Path file) {
        StringBuilder csv = new StringBuilder("kind,aggregateId,version,position,to\n");
        for (Ack a : acknowledged) {
            csv.append(a.kind()).append(',').append(a.aggregateId()).append(',').append(a.version()).append(',')
                    .append(a.position()).append(',').append(a.to() == null ? "" : a.to()).append('\n');
        }
        try {
            Files.writeString(file, csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final class Client implements Runnable {
        private final Deque<KnownTask> tasks = new ArrayDeque<>();
        private UUID project;

        Client(UUID project) {
            this.project = project;
        }

        @Override
        public void run() {
            while (running) {
                try {
                    boolean ok;
                    if (creationsPerProject.get(project).get() >= TASKS_PER_PROJECT) {
                        ok = createProject();
                    } else if (tasks.size() < 3 || ThreadLocalRandom.current().nextInt(4) == 0) {
                        ok = createTask();
                    } else {
                        ok = moveTask();
                    }
                    if (!ok) {
                        pause();
                    }
                } catch (IOException e) {
                    count("io:" + e.getClass().getSimpleName());
                    pause();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    count("client:" + e.getClass().getSimpleName());
                    pause();
                }
            }
        }

        private boolean createProject() throws IOException, InterruptedException {
            String key = "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 11).toUpperCase();
            var r = http.post(tenant, "/api/projects", Map.of("name", "Chaos " + key, "key", key), Map.of());
            count(Integer.toString(r.status()));
            if (r.status() != 201) {
                return false;
            }
            UUID id = acknowledge(Kind.PROJECT_CREATED, r.body(), null);
            creationsPerProject.putIfAbsent(id, new AtomicInteger());
            project = id;
            return true;
        }

        private boolean createTask() throws IOException, InterruptedException {
            AtomicInteger creations = creationsPerProject.get(project);
            ChaosHttp.Reply r;
            try {
                r = http.post(tenant, "/api/projects/" + project + "/tasks", Map.of("title", "Chaos " + UUID.randomUUID()), Map.of());
            } catch (ConnectException e) {
                throw e; // never reached the server
            } catch (IOException e) {
                creations.incrementAndGet(); // the answer is lost, the task may exist
                throw e;
            }
            count(Integer.toString(r.status()));
            if (r.status() == 201 || r.status() >= 500) {
                creations.incrementAndGet();
            }
            if (r.status() != 201) {
                return false;
            }
            UUID id = acknowledge(Kind.TASK_CREATED, r.body(), null);
            tasks.addLast(new KnownTask(id, "todo", r.body().get("version").asLong()));
            if (tasks.size() > TASKS_KEPT_PER_CLIENT) {
                tasks.removeFirst();
            }
            return true;
        }

        private boolean moveTask() throws IOException, InterruptedException {
            List<KnownTask> list = new ArrayList<>(tasks);
            KnownTask task = list.get(ThreadLocalRandom.current().nextInt(list.size()));
            String to = next(task.status());
            var r = http.post(tenant, "/api/tasks/" + task.id() + "/move", Map.of("status", to),
                    Map.of("If-Match", "\"" + task.version() + "\""));
            count(Integer.toString(r.status()));
            if (r.status() == 200) {
                acknowledge(Kind.TASK_MOVED, r.body(), to);
                tasks.remove(task);
                tasks.addLast(new KnownTask(task.id(), to, r.body().get("version").asLong()));
                return true;
            }
            if (r.status() == 412 || r.status() == 409) {
                // An earlier move of this task was committed although its answer was lost.
                tasks.remove(task);
                return true;
            }
            return false;
        }

        private UUID acknowledge(Kind kind, JsonNode body, String to) {
            UUID id = UUID.fromString(body.get("id").asText());
            acknowledged(new Ack(kind, id, body.get("version").asLong(), body.get("position").asLong(), to));
            return id;
        }

        /** Backs off a little while the server is down or booting, rather than spinning. */
        private void pause() {
            try {
                Thread.sleep(50 + ThreadLocalRandom.current().nextInt(100));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
    }

    private static String next(String status) {
        return switch (status) {
            case "todo", "done" -> "in_progress";
            case "in_progress" -> ThreadLocalRandom.current().nextInt(3) == 0 ? "todo" : "done";
            default -> throw new IllegalStateException("unknown status " + status);
        };
    }

    private record KnownTask(UUID id, String status, long version) {}
}
