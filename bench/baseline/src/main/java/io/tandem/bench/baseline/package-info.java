/**
 * Benchmark baselines deployed beside Tandem in the benchmark server only (context root
 * {@code /baseline}), so that issue 5's figures come with the same run's limits of the stack:
 *
 * <ul>
 *   <li>B2, {@link io.tandem.bench.baseline.PingResource}: a constant JAX-RS GET, the HTTP stack's
 *       ceiling;</li>
 *   <li>B3, {@link io.tandem.bench.baseline.CrudTaskResource} and
 *       {@link io.tandem.bench.baseline.CrudBoardResource}: "create task" as one JPA insert and
 *       "board" as one query over the tracker's write model, what a plain CRUD design would do.</li>
 * </ul>
 *
 * <p>Not a product API: the tenant is taken from the {@code X-Tenant} header without any
 * authentication or rate limiting. It must never be deployed outside a benchmark.
 */
package io.tandem.bench.baseline;
