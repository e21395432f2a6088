/**
 * The attack suite: integration tests that attack the running server the way a hostile tenant or
 * client would, driven by the OpenAPI document the server serves, so an operation added to the
 * API is attacked without editing a test.
 *
 * <ul>
 *   <li>{@link io.tandem.it.attack.BolaMatrixIT}: every operation, tenant B's owner with tenant A's ids;
 *   <li>{@link io.tandem.it.attack.RoleMatrixIT}: every operation by every kind of caller against an expected
 *       table, and that table against the document's {@code x-tandem-roles};
 *   <li>{@link io.tandem.it.attack.JwtNegativesIT}: forged, stale and misdirected JWTs;
 *   <li>{@link io.tandem.it.attack.MassAssignmentIT}: every write with properties it does not declare;
 *   <li>{@link io.tandem.it.attack.SchemaFuzzIT}: 10,000+ requests generated from the schemas (seeded);
 *   <li>{@link io.tandem.it.attack.RateLimitIT}: a trial tenant bursting next to a standard one.
 * </ul>
 *
 * Each prints its figures on one line starting {@code attack:} and each finding on a line starting
 * {@code attack: <test> finding:} with the request and the answer. Run them alone with
 * {@code mvn -B verify -pl ear -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test='io.tandem.it.attack.*IT'};
 * {@code -Dattack.fuzz.seed=<n>} replays a fuzz run ({@code attack.fuzz.requests}, {@code attack.fuzz.workers}
 * size it).
 *
 * <p>The support classes: {@link io.tandem.it.attack.ServedApi} (the document, parsed with
 * swagger-parser), {@link io.tandem.it.attack.World} (a tenant and everything in it, made through the API),
 * {@link io.tandem.it.attack.Calls} and {@link io.tandem.it.attack.Bodies} (valid calls from the schemas),
 * {@link io.tandem.it.attack.Snapshot} (a tenant's state as it reads it), {@link io.tandem.it.attack.Problems}
 * (what an answer must not show), {@link io.tandem.it.attack.ResponseSchemas} (answers against the document),
 * {@link io.tandem.it.attack.FuzzValues} (jqwik's generators), {@link io.tandem.it.attack.Jwts} (tokens) and
 * {@link io.tandem.it.attack.Wire} (byte-exact HTTP).
 */
package io.tandem.it.attack;
