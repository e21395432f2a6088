package io.tandem.api.limits;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * One token bucket per tenant, sized by the tenant's plan: {@code tandem.plan.<plan>.requests-per-second}
 * and {@code tandem.plan.<plan>.burst} (environment: TANDEM_PLAN_TRIAL_REQUESTS_PER_SECOND, …).
 * A noisy tenant empties its own bucket only; nothing it does takes another tenant's tokens.
 * Per server: with several nodes behind a balancer each enforces its share.
 */
@ApplicationScoped
public class TenantRateLimits {
    private static final Map<String, double[]> DEFAULTS = Map.of(
            "trial", new double[] {5, 10},
            "standard", new double[] {500, 1000},
            "enterprise", new double[] {2000, 4000});

    private final Map<UUID, TokenBucket> buckets = new ConcurrentHashMap<>();
    /** Read once per plan: configuration lookups on every request showed in the refusal path's profile. */
    private final Map<String, double[]> planLimits = new ConcurrentHashMap<>();

    /** 0 if the tenant's request may go now, else the seconds to wait (Retry-After). */
    public long take(UUID tenantId, String plan) {
        double[] limits = planLimits.computeIfAbsent(plan, TenantRateLimits::limits);
        long now = System.nanoTime();
        TokenBucket bucket = buckets.compute(tenantId, (id, existing) ->
                existing != null && existing.sameLimits(limits[0], limits[1]) ? existing : new TokenBucket(limits[0], limits[1], now));
        return bucket.take(now);
    }

    private static double[] limits(String plan) {
        double[] fallback = DEFAULTS.getOrDefault(plan, DEFAULTS.get("standard"));
        Config config = ConfigProvider.getConfig();
        double rate = config.getOptionalValue("tandem.plan." + plan + ".requests-per-second", Double.class).orElse(fallback[0]);
        double burst = config.getOptionalValue("tandem.plan." + plan + ".burst", Double.class).orElse(fallback[1]);
        return new double[] {rate, burst};
    }
}
