package io.tandem.it.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Example;

/**
 * Requests generated from the document, at least 10,000, for every operation: valid values and
 * values at and beyond every edge (empty, blank, max length and one more, control characters, NUL,
 * unicode, lone surrogates, very long strings, edge numbers, wrong types, nulls, missing required
 * properties, malformed JSON, wrong content types), in bodies, path and query parameters and
 * headers. Every answer must be documented (status, media type, schema), no 5xx, every 4xx a
 * problem+json that shows no stack trace, SQL, class name or other tenant's id.
 *
 * <p>Values come from jqwik's arbitraries driven by one seeded random ({@code -Dattack.fuzz.seed},
 * printed in the figures line), generated before any request is sent, so a seed reproduces the run.
 * The test is a jqwik {@code @Example} because jqwik's generators run only inside its lifecycle;
 * failsafe runs it on the JUnit platform like the other ITs.
 * Each worker thread is a tenant of its own (rate limits are per tenant); a 429 is counted apart,
 * honoured (Retry-After) and the request sent again, so it cannot stand in for an answer.
 */
class SchemaFuzzIT {
    static final long SEED = Long.getLong("attack.fuzz.seed", 20_261_128L);
    static final int REQUESTS = Integer.getInteger("attack.fuzz.requests", 10_500);
    static final int WORKERS = Integer.getInteger("attack.fuzz.workers", 6);
    static final int MIN_CHECKED = 10_000;

    enum Mutation { VALID, BODY_VALUE, BODY_STRING_EDGE, MISSING_REQUIRED, NULL_REQUIRED, MALFORMED_BODY, CONTENT_TYPE,
        PATH_PARAMETER, QUERY_PARAMETER, HEADER, BODY_ON_BODYLESS }

    record Case(int index, ServedApi.Endpoint endpoint, int worker, Mutation mutation, Wire.Request request) {}

    record Group(AtomicInteger count, String example) {}

    private ServedApi api;
    private ResponseSchemas schemas;
    private final List<World> workers = new ArrayList<>();
    private World victim;
    private final Map<String, Group> findings = new ConcurrentHashMap<>();
    private final AtomicInteger checked = new AtomicInteger();
    private final AtomicInteger serverErrors = new AtomicInteger();
    private final AtomicInteger violations = new AtomicInteger();
    private final AtomicInteger leaks = new AtomicInteger();
    private final AtomicInteger rateLimited = new AtomicInteger();

    @Example
    void everyAnswerToGeneratedRequestsIsDocumentedAndRevealsNothing() throws Exception {
        api = ServedApi.get();
        schemas = new ResponseSchemas(api);
        for (int i = 0; i < WORKERS; i++) {
            workers.add(World.full(api, "F" + i));
        }
        victim = World.signUp(api, "V");
        Instant start = Instant.now();

        List<List<Case>> plan = plan(new FuzzValues(SEED));
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        List<Future<?>> running = new ArrayList<>();
        for (List<Case> cases : plan) {
            running.add(pool.submit(() -> cases.forEach(this::run)));
        }
        for (Future<?> f : running) {
            f.get(10, TimeUnit.MINUTES);
        }
        pool.shutdown();
        Duration took = Duration.between(start, Instant.now());

        System.out.printf("schema fuzz: %d operations, %d workers, %d s; findings by kind, operation and status:%n",
                api.endpoints.size(), WORKERS, took.toSeconds());
        new TreeMap<>(findings).forEach((signature, g) ->
                System.out.println("attack: fuzz finding (" + g.count() + "x): " + signature + "\n    e.g. " + g.example()));
        System.out.printf("attack: fuzz requests=%d 5xx=%d schema-violations=%d leaks=%d rate-limited=%d seed=%d%n",
                checked.get(), serverErrors.get(), violations.get(), leaks.get(), rateLimited.get(), SEED);
        assertThat(checked.get()).as("answered requests (429 not counted)").isGreaterThanOrEqualTo(MIN_CHECKED);
        assertThat(findings.keySet()).as("fuzz findings (seed " + SEED + ")").isEmpty();
    }

    /** Every case, generated up front from the seed: per worker, in the order it sends them. */
    private List<List<Case>> plan(FuzzValues v) {
        List<List<Case>> perWorker = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            perWorker.add(new ArrayList<>());
        }
        int perOperation = (REQUESTS + api.endpoints.size() - 1) / api.endpoints.size();
        int index = 0;
        for (int round = 0; round < perOperation; round++) {
            for (ServedApi.Endpoint e : api.endpoints) {
                int worker = index % WORKERS;
                Mutation mutation = mutation(e, v);
                perWorker.get(worker).add(new Case(index, e, worker, mutation, request(e, workers.get(worker), mutation, v)));
                index++;
            }
        }
        return perWorker;
    }

    private static Mutation mutation(ServedApi.Endpoint e, FuzzValues v) {
        List<Mutation> options = new ArrayList<>(List.of(Mutation.VALID, Mutation.VALID, Mutation.HEADER));
        if (!e.pathParameterNames().isEmpty()) {
            options.addAll(List.of(Mutation.PATH_PARAMETER, Mutation.PATH_PARAMETER));
        }
        if (!e.in("query").isEmpty()) {
            options.addAll(List.of(Mutation.QUERY_PARAMETER, Mutation.QUERY_PARAMETER));
        }
        if (e.body() != null) {
            options.addAll(List.of(Mutation.BODY_VALUE, Mutation.BODY_VALUE, Mutation.BODY_VALUE, Mutation.BODY_STRING_EDGE,
                    Mutation.BODY_STRING_EDGE, Mutation.MISSING_REQUIRED, Mutation.NULL_REQUIRED, Mutation.MALFORMED_BODY,
                    Mutation.MALFORMED_BODY, Mutation.CONTENT_TYPE));
        } else if (v.chance(0.2)) {
            options.add(Mutation.BODY_ON_BODYLESS);
        }
        return v.pick(options);
    }

    /** A request for the operation in a worker's tenant: valid everywhere, then the mutation applied. */
    private Wire.Request request(ServedApi.Endpoint e, World w, Mutation mutation, FuzzValues v) {
        Map<String, String> path = new LinkedHashMap<>();
        for (String p : e.pathParameterNames()) {
            path.put(p, validPathValue(e, w, p, v));
        }
        if (mutation == Mutation.PATH_PARAMETER) {
            String p = v.pick(e.pathParameterNames());
            String nasty = v.nastyText();
            // An empty, "." or ".." segment would route elsewhere: that is another operation, not this one's parameter.
            path.put(p, nasty.isEmpty() || nasty.equals(".") || nasty.equals("..") ? nasty + "~" : nasty);
        }
        Wire.Request r = Wire.request(e.method(), World.expand(e.path(), path));

        List<Parameter> query = e.in("query");
        for (Parameter q : query) {
            if (v.chance(0.5)) {
                r.query(q.getName(), validQueryValue(q, w, v));
            }
        }
        if (mutation == Mutation.QUERY_PARAMETER) {
            String name = v.chance(0.85) ? v.pick(query).getName() : "unexpected";
            r.query(name, v.chance(0.3) ? v.nastyNumber().toString() : v.nastyText());
        }

        for (Parameter h : e.in("header")) {
            switch (h.getName()) {
                case "If-Match" -> r.header("If-Match", "\"" + (1 + v.random.nextInt(3)) + "\"");
                case "Idempotency-Key" -> {
                    if (v.chance(0.15)) {
                        r.header("Idempotency-Key", "fuzz-" + v.random.nextInt(50));
                    }
                }
                case "Tandem-Min-Position" -> {
                    if (v.chance(0.1)) {
                        r.header("Tandem-Min-Position", Long.toString(v.random.nextInt((int) Math.max(1, w.position))));
                    }
                }
                default -> {
                    if (Boolean.TRUE.equals(h.getRequired())) {
                        r.header(h.getName(), Bodies.valid(api, h.getName(), h.getSchema(), Bodies.Hints.NONE, v.random).asText());
                    }
                }
            }
        }
        if (mutation == Mutation.HEADER) {
            List<String> names = new ArrayList<>(e.in("header").stream().map(Parameter::getName).toList());
            names.addAll(List.of("Tandem-Min-Position", "Idempotency-Key", "If-Match", "Accept"));
            String name = v.pick(names);
            String value = name.equals("Tandem-Min-Position") && v.chance(0.3) ? v.nastyNumber().toString() : v.headerText();
            if (name.equals("Tandem-Min-Position") && value.matches("\\d{1,18}") && Long.parseLong(value) > w.position) {
                value = "-" + value; // a far future position only waits out the read bound: keep the run short
            }
            r.header(name, value);
        }

        if (e.body() != null) {
            ObjectNode body = validBody(e, w, v);
            String valid = Wire.write(body);
            byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
            String contentType = e.bodyType() == null ? "application/json" : e.bodyType();
            Map<String, Schema<?>> properties = api.properties(e.body());
            List<String> required = new ArrayList<>(api.required(e.body()));
            switch (mutation) {
                case BODY_VALUE -> {
                    List<String> names = new ArrayList<>(properties.keySet());
                    names.add("unexpected");
                    String name = v.pick(names);
                    body.set(name, v.nastyValue(api, properties.get(name)));
                    bytes = Wire.write(body).getBytes(StandardCharsets.UTF_8);
                }
                case BODY_STRING_EDGE -> {
                    if (!properties.isEmpty()) {
                        String name = v.pick(new ArrayList<>(properties.keySet()));
                        body.put(name, v.nastyString(api.resolve(properties.get(name))));
                        bytes = Wire.write(body).getBytes(StandardCharsets.UTF_8);
                    }
                }
                case MISSING_REQUIRED -> {
                    if (!required.isEmpty()) {
                        body.remove(v.pick(required));
                        bytes = Wire.write(body).getBytes(StandardCharsets.UTF_8);
                    }
                }
                case NULL_REQUIRED -> {
                    if (!required.isEmpty()) {
                        body.putNull(v.pick(required));
                        bytes = Wire.write(body).getBytes(StandardCharsets.UTF_8);
                    }
                }
                case MALFORMED_BODY -> bytes = v.malformedBody(valid);
                case CONTENT_TYPE -> contentType = v.chance(0.15) ? null : v.wrongContentType();
                default -> { }
            }
            r.body(bytes, contentType);
        } else if (mutation == Mutation.BODY_ON_BODYLESS) {
            r.body(v.malformedBody("{\"unexpected\":1}"), "application/json");
        }
        return r.bearer(credential(e, w));
    }

    private String credential(ServedApi.Endpoint e, World w) {
        if (e.anonymous()) {
            return null;
        }
        return e.operatorOnly() ? Wire.OPERATOR_KEY : w.owner.token();
    }

    private String validPathValue(ServedApi.Endpoint e, World w, String p, FuzzValues v) {
        if (p.equals("name")) {
            return w.projectors.isEmpty() ? "task-board" : v.pick(w.projectors);
        }
        if (p.equals("tenantId") && e.operatorOnly()) {
            return victim.tenantId.toString(); // the operator acts on a tenant no worker uses
        }
        Optional<UUID> id = w.id(p);
        return id.isPresent() && v.chance(0.8) ? id.get().toString() : UUID.randomUUID().toString();
    }

    private String validQueryValue(Parameter q, World w, FuzzValues v) {
        if (Calls.idLike(q)) {
            return w.id(q.getName()).orElse(w.tenantId).toString();
        }
        String type = q.getSchema() == null ? "string" : String.valueOf(api.type(q.getSchema()));
        if (type.equals("integer") || type.equals("number") || List.of("limit", "offset", "after", "before").contains(q.getName())) {
            return Integer.toString(v.random.nextInt(60));
        }
        if (type.equals("boolean") || q.getName().equals("resolved")) {
            return Boolean.toString(v.random.nextBoolean());
        }
        JsonNode value = Bodies.valid(api, q.getName(), q.getSchema(), Bodies.Hints.NONE, v.random);
        return value.isTextual() ? value.asText() : value.toString();
    }

    /** Required properties valid, optional ones now and then; never the tenant's own name where closing is confirmed. */
    private ObjectNode validBody(ServedApi.Endpoint e, World w, FuzzValues v) {
        World ids = e.operatorOnly() ? victim : w;
        Bodies.Hints hints = ((Bodies.Hints) (property, schema) -> property.equals("confirmName")
                ? Optional.of(Bodies.text("not " + ids.name)) // the workers' tenants stay open
                : Optional.empty()).orElse(ids.hints());
        ObjectNode body = Bodies.minimal(api, e.body(), hints, v.random);
        api.properties(e.body()).forEach((name, schema) -> {
            if (!body.has(name) && v.chance(0.5)) {
                body.set(name, Bodies.valid(api, name, schema, hints, v.random));
            }
        });
        return body;
    }

    private void run(Case c) {
        Wire.Reply reply = null;
        for (int attempt = 0; attempt < 4; attempt++) {
            try {
                reply = Wire.send(c.request().copy());
            } catch (IllegalArgumentException unsendable) {
                return; // a header value the HTTP client itself refuses to send: nothing reached the server
            } catch (IllegalStateException noAnswer) {
                violations.incrementAndGet();
                findings.computeIfAbsent("no answer " + c.endpoint().key(), k -> new Group(new AtomicInteger(),
                        "case " + c.index() + " (" + c.mutation() + "): " + noAnswer.getMessage())).count().incrementAndGet();
                return;
            }
            if (reply.status() != 429) {
                break;
            }
            rateLimited.incrementAndGet();
            checkRateLimited(c, reply);
            sleep(retryAfter(reply));
        }
        if (reply.status() == 429) {
            return;
        }
        checked.incrementAndGet();
        World w = workers.get(c.worker());
        w.track(reply);
        check(c, w, reply);
    }

    private void check(Case c, World w, Wire.Reply reply) {
        ServedApi.Endpoint e = c.endpoint();
        if (reply.status() >= 500) {
            serverErrors.incrementAndGet();
            record("5xx", c, reply, "after " + c.mutation() + (c.request().headers.containsKey("Idempotency-Key") ? " with Idempotency-Key" : ""));
        }
        List<String> wrong = schemas.violations(e, reply);
        if (reply.status() >= 400 && reply.status() < 500 && !reply.isProblem()) {
            wrong = new ArrayList<>(wrong);
            wrong.add(reply.status() + " is not application/problem+json but " + reply.contentType());
        }
        if (!wrong.isEmpty()) {
            violations.incrementAndGet();
            record("schema", c, reply, wrong.get(0).replaceAll("\\d{4,}|[0-9a-f]{8}-[0-9a-f-]{27}", "#"));
        }
        List<String> shown = new ArrayList<>(Problems.internals(reply));
        if (!e.operatorOnly()) {
            for (World other : workers) {
                if (other != w && reply.body().contains(other.tenantId.toString())) {
                    shown.add("tenant " + other.tenantId);
                }
            }
            if (reply.body().contains(victim.tenantId.toString())) {
                shown.add("tenant " + victim.tenantId);
            }
        }
        if (!shown.isEmpty()) {
            leaks.incrementAndGet();
            record("leak", c, reply, shown.get(0).replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "#"));
        }
    }

    private void checkRateLimited(Case c, Wire.Reply reply) {
        if (!reply.isProblem() || retryAfter(reply) < 1) {
            record("429 without problem+json and Retry-After", c, reply, "");
        }
    }

    private void record(String kind, Case c, Wire.Reply reply, String what) {
        String signature = kind + " " + c.endpoint().key() + " " + reply.status() + " " + what;
        findings.computeIfAbsent(signature, k -> new Group(new AtomicInteger(), "case " + c.index() + " (" + c.mutation() + "): "
                + reply.exchange())).count().incrementAndGet();
    }

    private static long retryAfter(Wire.Reply reply) {
        try {
            return Long.parseLong(reply.header("Retry-After").trim());
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static void sleep(long seconds) {
        try {
            Thread.sleep(Duration.ofSeconds(Math.min(5, Math.max(1, seconds))).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
