package io.tandem.it.attack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

import com.nimbusds.jwt.JWTClaimsSet;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forged, stale and misdirected JWTs: none is accepted, each gets 401 problem+json with
 * WWW-Authenticate, on a read and on a write. A good token from the identity provider works, and
 * its role counts (a viewer cannot create).
 */
class JwtNegativesIT {
    static World tenant;
    static World closed;
    static final AtomicInteger SENT = new AtomicInteger();
    static final AtomicInteger ACCEPTED = new AtomicInteger();
    static final List<String> FINDINGS = new ArrayList<>();

    @BeforeAll
    static void aRealTenant() {
        RestAssured.baseURI = Wire.BASE_URL;
        tenant = World.signUp(ServedApi.get(), "JWT");
        closed = World.signUp(ServedApi.get(), "JWT closed");
        given().header("Authorization", "Bearer " + closed.owner.token()).contentType(ContentType.JSON)
                .body(Map.of("confirmName", closed.name)).post("/api/tenants/{id}/close", closed.tenantId)
                .then().statusCode(200);
    }

    static Stream<Arguments> forgeries() {
        UUID t = tenant.tenantId;
        Supplier<JWTClaimsSet.Builder> member = () -> Jwts.claims(t, "member", "jwt-user-1");
        Instant now = Instant.now();
        return Stream.of(
                forgery("alg none, no signature", () -> Jwts.unsecured(member.get().build(), "none", "")),
                forgery("alg None, no signature", () -> Jwts.unsecured(member.get().build(), "None", "")),
                forgery("alg none with a real RS256 signature kept", () -> {
                    var claims = member.get().build();
                    return Jwts.unsecured(claims, "none", Jwts.signatureOf(Jwts.sign(claims)));
                }),
                forgery("HS256 keyed with the public key PEM (RS/HS confusion)",
                        () -> Jwts.hs256(member.get().build(), Jwts.publicKeyPem())),
                forgery("HS256 keyed with the public key DER (RS/HS confusion)",
                        () -> Jwts.hs256(member.get().build(), Jwts.publicKeyDer())),
                forgery("bad signature: another RSA key", () -> Jwts.signedByStranger(member.get().build())),
                forgery("payload changed after signing (viewer made owner)", () -> {
                    String signed = Jwts.valid(t, "viewer", "jwt-user-1");
                    var owner = Jwts.claims(t, "owner", "jwt-user-1").build();
                    String forged = Jwts.unsecured(owner, "RS256", Jwts.signatureOf(signed));
                    return signed.substring(0, signed.indexOf('.')) + forged.substring(forged.indexOf('.'));
                }),
                forgery("expired 10 minutes ago", () -> Jwts.sign(member.get()
                        .issueTime(Date.from(now.minus(Duration.ofMinutes(20))))
                        .notBeforeTime(Date.from(now.minus(Duration.ofMinutes(20))))
                        .expirationTime(Date.from(now.minus(Duration.ofMinutes(10)))).build())),
                forgery("not yet valid (nbf in 10 minutes)", () -> Jwts.sign(member.get()
                        .notBeforeTime(Date.from(now.plus(Duration.ofMinutes(10)))).build())),
                forgery("wrong issuer", () -> Jwts.sign(member.get().issuer("https://evil.example.test").build())),
                forgery("issuer with a trailing slash", () -> Jwts.sign(member.get().issuer(Jwts.ISSUER + "/").build())),
                forgery("wrong audience", () -> Jwts.sign(member.get().audience("another-api").build())),
                forgery("tenant claim missing", () -> Jwts.sign(member.get().claim(Jwts.TENANT_CLAIM, null).build())),
                forgery("tenant claim not a UUID", () -> Jwts.sign(member.get().claim(Jwts.TENANT_CLAIM, "acme").build())),
                forgery("tenant claim a number", () -> Jwts.sign(member.get().claim(Jwts.TENANT_CLAIM, 42).build())),
                forgery("role claim unknown", () -> Jwts.sign(member.get().claim(Jwts.ROLE_CLAIM, "superuser").build())),
                forgery("role claim missing", () -> Jwts.sign(member.get().claim(Jwts.ROLE_CLAIM, null).build())),
                forgery("role claim a list", () -> Jwts.sign(member.get().claim(Jwts.ROLE_CLAIM, List.of("owner")).build())),
                forgery("subject missing", () -> Jwts.sign(member.get().subject(null).build())),
                forgery("expiry missing", () -> Jwts.sign(member.get().expirationTime(null).build())),
                forgery("tenant that does not exist", () -> Jwts.valid(UUID.randomUUID(), "member", "jwt-user-1")),
                forgery("tenant that is closed", () -> Jwts.valid(closed.tenantId, "owner", "jwt-user-1")),
                forgery("the operator's key inside a JWT's clothes", () -> Jwts.sign(member.get()
                        .claim(Jwts.ROLE_CLAIM, "operator").build())));
    }

    private static Arguments forgery(String name, Supplier<String> token) {
        return Arguments.of(name, token);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void aForgedOrStaleTokenIsRefused(String name, Supplier<String> token) {
        String jwt = token.get();
        for (Response r : List.of(
                given().header("Authorization", "Bearer " + jwt).get("/api/projects"),
                given().header("Authorization", "Bearer " + jwt).contentType(ContentType.JSON)
                        .body(Map.of("name", "Forged", "key", World.projectKey())).post("/api/projects"))) {
            SENT.incrementAndGet();
            if (r.statusCode() / 100 == 2) {
                ACCEPTED.incrementAndGet();
                synchronized (FINDINGS) {
                    FINDINGS.add(name + ": accepted with " + r.statusCode() + " " + r.asString());
                }
            }
            r.then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", not(emptyOrNullString()))
                    .body("status", equalTo(401));
            assertThat(Problems.INTERNALS.stream().filter(p -> p.matcher(r.asString()).find()).toList())
                    .as("internals in the refusal of " + name).isEmpty();
        }
    }

    @Test
    void aGoodTokenForAMemberReadsAndCreatesAndAViewersCannotCreate() {
        String member = Jwts.valid(tenant.tenantId, "member", "jwt-member");
        given().header("Authorization", "Bearer " + member).get("/api/projects").then().statusCode(200);
        given().header("Authorization", "Bearer " + member).contentType(ContentType.JSON)
                .body(Map.of("name", "Made with a JWT", "key", World.projectKey())).post("/api/projects")
                .then().statusCode(201);

        String viewer = Jwts.valid(tenant.tenantId, "viewer", "jwt-viewer");
        given().header("Authorization", "Bearer " + viewer).get("/api/projects").then().statusCode(200);
        given().header("Authorization", "Bearer " + viewer).contentType(ContentType.JSON)
                .body(Map.of("name", "Viewer's", "key", World.projectKey())).post("/api/projects")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @AfterAll
    static void figures() {
        // Informational: whether /openapi documents the JWT bearer scheme next to the API key one.
        System.out.printf("attack: jwt forgeries=%d requests=%d accepted=%d jwt-scheme-documented=%s%n", forgeries().count(),
                SENT.get(), ACCEPTED.get(), ServedApi.get().documentsJwt());
        FINDINGS.forEach(f -> System.out.println("attack: jwt finding: " + f));
    }
}
