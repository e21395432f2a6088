package io.tandem.tenancy.credentials;

import io.tandem.tenancy.contract.Actor;
import io.tandem.tenancy.domain.ApiKey;
import io.tandem.tenancy.domain.Tenant;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a presented API key into the actor it acts as. Reads the credential table of the write
 * model, not a read model: a key must work the moment its sign-up returns, and authentication is a
 * security decision, not a query that may lag.
 *
 * <p>Successful look-ups are cached briefly by key hash so that a request costs no database round
 * trip for authentication; failures are never cached, so a flood of bad keys cannot fill memory.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ApiKeyAuthenticator {
    static final Duration CACHE_TTL = Duration.ofSeconds(30);
    private static final int CACHE_LIMIT = 10_000;

    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Actor actor, long expiresAtNanos) {}

    public Optional<Actor> authenticate(String presented) {
        Optional<String> prefix = ApiKeySecret.prefixOf(presented);
        if (prefix.isEmpty()) {
            return Optional.empty();
        }
        String hash = ApiKeySecret.hash(presented);
        Cached cached = cache.get(hash);
        long now = System.nanoTime();
        if (cached != null && cached.expiresAtNanos - now > 0) {
            return Optional.of(cached.actor);
        }
        Optional<Actor> actor = em.createQuery("select k from ApiKey k where k.prefix = :prefix", ApiKey.class)
                .setParameter("prefix", prefix.get())
                .getResultStream()
                .findFirst()
                .filter(k -> !k.revoked() && ApiKeySecret.matches(presented, k.secretHash()))
                .filter(k -> {
                    Tenant tenant = em.find(Tenant.class, k.tenantId());
                    return tenant != null && Tenant.ACTIVE.equals(tenant.status());
                })
                .map(k -> new Actor(k.tenantId(), k.memberId(), k.id(), k.role()));
        actor.ifPresent(a -> {
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(hash, new Cached(a, now + CACHE_TTL.toNanos()));
        });
        return actor;
    }
}
