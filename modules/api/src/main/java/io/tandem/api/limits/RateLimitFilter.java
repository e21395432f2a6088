package io.tandem.api.limits;

import io.tandem.api.http.JwtCredentials;
import io.tandem.api.http.OperatorKey;
import io.tandem.api.problem.Problem;
import io.tandem.api.problem.UnexpectedFailureMapper;
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
import jakarta.ws.rs.core.Response.Status;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The per-tenant rate limit, at the front of the servlet chain, with a tarpit for what it refuses.
 *
 * <p>It resolves the request's tenant credential (an API key or an identity-provider JWT; the
 * operator and anonymous requests are not limited), takes a token from the tenant's bucket
 * ({@link TenantRateLimits}) and hands the actor on to {@code AuthenticationFilter}, so the
 * credential is checked once. Refusing at once is not enough: a client flooding from many
 * connections is answered faster and asks again sooner, and the server spends its cores on
 * refusals that other tenants wait behind (bench/noisy-neighbour.sh measured 5.8 times the quiet
 * tenant's p99). So a refusal is held for {@code tandem.rate-limit.refusal-delay-ms} (1000) without
 * holding a worker thread (the request is suspended and a timer answers it); at most
 * {@code tandem.rate-limit.held-per-tenant} (128) of a tenant are held at a time, the rest are
 * answered at once.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class RateLimitFilter implements Filter {
    private static final Logger LOG = Logger.getLogger(RateLimitFilter.class.getName());
    /** Request attribute: the actor the credential was found to act as. */
    public static final String ACTOR = "io.tandem.actor";
    public static final String RETRY_AFTER = "Retry-After";

    @Inject
    ApiKeyAuthenticator apiKeys;

    @Inject
    JwtCredentials jwts;

    @Inject
    OperatorKey operatorKey;

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
        Optional<Actor> actor;
        try {
            actor = tenantActor((HttpServletRequest) request);
        } catch (RuntimeException e) {
            // A credential not in the cache is looked up in the database, in front of JAX-RS and
            // its exception mappers: a lost connection must still be a problem+json 503 here.
            if (!UnexpectedFailureMapper.causedByLostConnection(e)) {
                throw e;
            }
            LOG.log(Level.WARNING, "the database connection was lost while a credential was looked up: " + e);
            ((HttpServletResponse) response).setHeader(RETRY_AFTER, "1");
            UnexpectedFailureMapper.lostConnection().writeTo((HttpServletResponse) response);
            return;
        }
        if (actor.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(ACTOR, actor.get());
        long wait = limits.take(actor.get().tenantId(), actor.get().plan());
        if (wait == 0) {
            chain.doFilter(request, response);
            return;
        }
        AtomicInteger tenantHeld = held.computeIfAbsent(actor.get().tenantId(), id -> new AtomicInteger());
        if (delayMillis <= 0 || !request.isAsyncSupported()) {
            refuse((HttpServletResponse) response, wait);
            return;
        }
        if (tenantHeld.incrementAndGet() > heldPerTenant) {
            tenantHeld.decrementAndGet();
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

    /** The tenant actor of a valid API key or JWT; empty for anything else, which authentication then refuses. */
    private Optional<Actor> tenantActor(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String bearer = header.substring(7).trim();
        if (ApiKeySecret.prefixOf(bearer).isPresent()) {
            return apiKeys.authenticate(bearer);
        }
        return bearer.isEmpty() || operatorKey.matches(bearer) ? Optional.empty() : jwts.verify(bearer);
    }

    static void refuse(HttpServletResponse response, long retryAfterSeconds) throws IOException {
        response.setHeader(RETRY_AFTER, Long.toString(retryAfterSeconds));
        Problem.of(Status.TOO_MANY_REQUESTS, "rate-limited",
                        "this tenant's plan allows fewer requests per second; retry after " + retryAfterSeconds + " s",
                        (String) null)
                .writeTo(response);
    }
}
