package io.tandem.api.limits;

import io.tandem.api.problem.Problem;
import io.tandem.tenancy.contract.Actor;
import io.tandem.tenancy.credentials.ApiKeyAuthenticator;
import io.tandem.tenancy.credentials.ApiKeySecret;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The per-tenant rate limit for API-key requests, at the front of the servlet chain, and a tarpit
 * for what it refuses.
 *
 * <p>Refusing at once is not enough: a client flooding from many connections is answered faster
 * and asks again sooner, and the server spends its cores on refusals that other tenants wait
 * behind (bench/noisy-neighbour.sh measured it). So a refusal is held for
 * {@code tandem.rate-limit.refusal-delay-ms} (default 1000) without holding a worker thread
 * (the request is suspended and answered by a timer), which caps what a flooding connection costs.
 * At most {@code tandem.rate-limit.held-per-tenant} refusals of a tenant are held at a time; beyond
 * that they are answered at once. The key's actor is handed on to {@code AuthenticationFilter},
 * so it is not looked up twice. Requests with other credentials are limited by {@link RateLimitFilter}.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class RefusalTarpit implements Filter {
    /** Request attribute: the actor the API key was found to act as. */
    public static final String ACTOR = "io.tandem.actor";
    /** Request attribute: the request was counted against its tenant's bucket already. */
    public static final String COUNTED = "io.tandem.rate-counted";

    @Inject
    ApiKeyAuthenticator apiKeys;

    @Inject
    TenantRateLimits limits;

    @Resource
    ManagedScheduledExecutorService timer;

    @Inject
    @ConfigProperty(name = "tandem.rate-limit.refusal-delay-ms", defaultValue = "1000")
    long delayMillis;

    @Inject
    @ConfigProperty(name = "tandem.rate-limit.held-per-tenant", defaultValue = "128")
    int heldPerTenant;

    private final Map<UUID, AtomicInteger> held = new ConcurrentHashMap<>();

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<Actor> actor = apiKeyActor((HttpServletRequest) request);
        if (actor.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(ACTOR, actor.get());
        request.setAttribute(COUNTED, Boolean.TRUE);
        long wait = limits.take(actor.get().tenantId(), actor.get().plan());
        if (wait == 0) {
            chain.doFilter(request, response);
            return;
        }
        AtomicInteger tenantHeld = held.computeIfAbsent(actor.get().tenantId(), id -> new AtomicInteger());
        if (delayMillis <= 0 || !request.isAsyncSupported() || tenantHeld.incrementAndGet() > heldPerTenant) {
            if (delayMillis > 0 && request.isAsyncSupported()) {
                tenantHeld.decrementAndGet();
            }
            refuse((HttpServletResponse) response, wait);
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(delayMillis + 10_000);
        timer.schedule(() -> {
            try {
                refuse((HttpServletResponse) async.getResponse(), wait);
            } catch (IOException | RuntimeException e) {
                // the client went away; nothing to answer
            } finally {
                tenantHeld.decrementAndGet();
                async.complete();
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    private Optional<Actor> apiKeyActor(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String bearer = header.substring(7).trim();
        return ApiKeySecret.prefixOf(bearer).isPresent() ? apiKeys.authenticate(bearer) : Optional.empty();
    }

    static void refuse(HttpServletResponse response, long retryAfterSeconds) throws IOException {
        response.setStatus(429);
        response.setHeader(RateLimitFilter.RETRY_AFTER, Long.toString(retryAfterSeconds));
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        String detail = "this tenant's plan allows fewer requests per second; retry after " + retryAfterSeconds + " s";
        response.getOutputStream().write(("{\"type\":\"urn:tandem:problem:rate-limited\",\"title\":\"Too Many Requests\","
                + "\"status\":429,\"detail\":\"" + detail + "\",\"errors\":[]}").getBytes(StandardCharsets.UTF_8));
    }
}
