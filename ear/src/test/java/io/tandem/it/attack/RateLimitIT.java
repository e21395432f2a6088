package io.tandem.it.attack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tenant on the trial plan that bursts past its bucket is throttled (429 problem+json with an
 * integer Retry-After of at least 1 s) while a tenant on the standard plan, busy at the same time,
 * is never throttled; once Retry-After has passed the trial tenant is served again.
 */
class RateLimitIT {
    static final String PROBE = "/api/projects";
    static final int BURST_THREADS = 4;
    static final int BURST_PER_THREAD = 25;

    static ServedApi api;

    @BeforeAll
    static void document() {
        RestAssured.baseURI = Wire.BASE_URL;
        api = ServedApi.get();
    }

    @Test
    void aTrialTenantBurstingIsThrottledAloneAndServedAgainAfterRetryAfter() throws Exception {
        assumeTrue(api.has("PUT", "/api/admin/tenants/{tenantId}/plan"), "waiting for PUT /api/admin/tenants/{tenantId}/plan");
        World trial = World.signUp(api, "T");
        World standard = World.signUp(api, "U");
        operator().body(Map.of("plan", "trial")).put("/api/admin/tenants/{id}/plan", trial.tenantId).then().statusCode(200);
        operator().body(Map.of("plan", "standard")).put("/api/admin/tenants/{id}/plan", standard.tenantId).then().statusCode(200);

        as(standard).get(PROBE).then().statusCode(200); // warm the client up: the burst must be a burst

        List<Response> trialAnswers = Collections.synchronizedList(new ArrayList<>());
        List<Response> standardAnswers = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(BURST_THREADS + 1);
        List<Future<?>> burst = new ArrayList<>();
        for (int t = 0; t < BURST_THREADS; t++) {
            burst.add(pool.submit(() -> {
                for (int i = 0; i < BURST_PER_THREAD; i++) {
                    trialAnswers.add(as(trial).get(PROBE));
                }
            }));
        }
        Future<?> neighbour = pool.submit(() -> {
            for (int i = 0; i < 30; i++) {
                standardAnswers.add(as(standard).get(PROBE));
            }
        });
        for (Future<?> f : burst) {
            f.get(2, TimeUnit.MINUTES);
        }
        neighbour.get(2, TimeUnit.MINUTES);
        for (int i = 0; i < 10; i++) { // right after the burst
            standardAnswers.add(as(standard).get(PROBE));
        }
        pool.shutdown();

        List<Response> throttled = trialAnswers.stream().filter(r -> r.statusCode() == 429).toList();
        long standard429 = standardAnswers.stream().filter(r -> r.statusCode() == 429).count();
        long standardFailures = standardAnswers.stream().filter(r -> r.statusCode() != 200).count();
        long retryAfter = throttled.stream().mapToLong(r -> retryAfter(r)).max().orElse(-1);

        // Served again once Retry-After has passed: the first poll waits exactly that long, then one a second.
        Instant waitFrom = Instant.now();
        if (!throttled.isEmpty()) {
            await().pollDelay(Duration.ofSeconds(Math.max(1, retryAfter)))
                    .pollInterval(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(Math.max(1, retryAfter) + 5))
                    .until(() -> as(trial).get(PROBE).statusCode() == 200);
        }
        long recoveredMillis = Duration.between(waitFrom, Instant.now()).toMillis();

        System.out.printf("attack: rate-limit trial-requests=%d trial-429=%d retry-after=%ds recovered-after=%dms"
                        + " standard-requests=%d standard-429=%d standard-failures=%d%n",
                trialAnswers.size(), throttled.size(), retryAfter, recoveredMillis, standardAnswers.size(), standard429,
                standardFailures);

        assertThat(throttled).as("429s for the trial tenant bursting %d requests", trialAnswers.size()).isNotEmpty();
        for (Response r : throttled) {
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.jsonPath().getInt("status")).isEqualTo(429);
            assertThat(r.header("Retry-After")).as("Retry-After").matches("[1-9][0-9]*");
        }
        assertThat(trialAnswers).allSatisfy(r -> assertThat(r.statusCode()).isIn(200, 429));
        assertThat(standard429).as("429s for the standard tenant next door").isZero();
        assertThat(standardFailures).as("failed requests of the standard tenant").isZero();
        assertThat(api.endpoint("GET", PROBE).orElseThrow().documentedStatuses()).as("documented answers of GET " + PROBE)
                .contains("429");
    }

    private static io.restassured.specification.RequestSpecification as(World w) {
        return given().header("Authorization", "Bearer " + w.owner.token());
    }

    private static io.restassured.specification.RequestSpecification operator() {
        return given().header("Authorization", "Bearer " + Wire.OPERATOR_KEY).contentType(ContentType.JSON);
    }

    private static long retryAfter(Response r) {
        try {
            return Long.parseLong(r.header("Retry-After").trim());
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
