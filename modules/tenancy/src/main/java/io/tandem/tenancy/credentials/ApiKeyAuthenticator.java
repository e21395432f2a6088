package io.tandem.tenancy.credentials;

import io.tandem.kernel.persistence.Rows;
import io.tandem.kernel.tenant.CurrentTenant;
import io.tandem.tenancy.contract.Actor;
import io.tandem.tenancy.contract.Role;
import io.tandem.tenancy.domain.ApiKey;
import io.tandem.tenancy.domain.Member;
import io.tandem.tenancy.domain.Tenant;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a presented credential into the actor it acts as. Reads the credential tables of the write
 * model, not a read model: a key must work the moment its issue returns and stop the moment its
 * revocation returns; authentication is a security decision, not a query that may lag.
 *
 * <p>An API key acts with its member's current role (a member's first key) or with its own role
 * capped by the member's (keys issued later), only while the key is
 * neither revoked nor expired, its member not removed and its tenant active. Successful look-ups
 * are cached briefly by key hash; a change to a tenant's credentials evicts that tenant's entries
 * after its commit. Failures are never cached, so a flood of bad keys cannot fill memory.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ApiKeyAuthenticator {
    static final Duration CACHE_TTL = Duration.ofSeconds(30);
    private static final int CACHE_LIMIT = 10_000;

    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    @Inject
    ApiKeySecret secrets;

    private final Map<String, Cached> keys = new ConcurrentHashMap<>();
    private final Map<UUID, CachedTenant> tenants = new ConcurrentHashMap<>();

    private record Cached(Actor actor, Instant keyExpiresAt, long expiresAtNanos) {}

    private record CachedTenant(String plan, long expiresAtNanos) {}

    public Optional<Actor> authenticate(String presented) {
        Optional<String> prefix = ApiKeySecret.prefixOf(presented);
        if (prefix.isEmpty()) {
            return Optional.empty();
        }
        String hash = secrets.hash(presented);
        Cached cached = keys.get(hash);
        long now = System.nanoTime();
        if (cached != null && cached.expiresAtNanos - now > 0) {
            if (cached.keyExpiresAt == null || Instant.now().isBefore(cached.keyExpiresAt)) {
                return Optional.of(cached.actor);
            }
            keys.remove(hash);
            return Optional.empty();
        }
        // Finding a key by its prefix must look across tenants: the key is what says which tenant.
        Optional<Cached> found = CurrentTenant.asPlatform(() -> lookUp(prefix.get(), presented, now));
        found.ifPresent(c -> {
            if (keys.size() >= CACHE_LIMIT) {
                keys.clear();
            }
            keys.put(hash, c);
        });
        return found.map(Cached::actor);
    }

    private Optional<Cached> lookUp(String prefix, String presented, long now) {
        Instant at = Instant.now();
        Optional<ApiKey> key = em.createQuery("select k from ApiKey k where k.prefix = :prefix", ApiKey.class)
                .setParameter("prefix", prefix)
                .getResultStream()
                .findFirst()
                .filter(k -> k.usableAt(at) && secrets.matches(presented, k.secretHash(), k.hashScheme()));
        if (key.isEmpty()) {
            return Optional.empty();
        }
        ApiKey k = key.get();
        Tenant tenant = Rows.byId(em, Tenant.class, k.tenantId());
        if (tenant == null || !tenant.active()) {
            return Optional.empty();
        }
        Optional<Member> member = em.createQuery(
                        "select m from Member m where m.id = :id and m.tenantId = :tenant", Member.class)
                .setParameter("id", k.memberId())
                .setParameter("tenant", k.tenantId())
                .getResultStream()
                .findFirst()
                .filter(Member::active);
        if (member.isEmpty()) {
            return Optional.empty();
        }
        Role role = k.effectiveRole(member.get().role());
        Actor actor = Actor.ofApiKey(k.tenantId(), k.memberId(), k.id(), role, tenant.plan());
        return Optional.of(new Cached(actor, k.expiresAt(), now + CACHE_TTL.toNanos()));
    }

    /**
     * The actor a verified JWT stands for, if its tenant exists and is active: the identity provider
     * vouches for the subject and the role, Tandem for the tenant's state.
     */
    public Optional<Actor> authenticateJwt(UUID tenantId, String subject, Role role) {
        long now = System.nanoTime();
        CachedTenant cached = tenants.get(tenantId);
        if (cached == null || cached.expiresAtNanos - now <= 0) {
            Tenant tenant = CurrentTenant.asPlatform(() -> Rows.byId(em, Tenant.class, tenantId));
            if (tenant == null || !tenant.active()) {
                return Optional.empty();
            }
            if (tenants.size() >= CACHE_LIMIT) {
                tenants.clear();
            }
            cached = new CachedTenant(tenant.plan(), now + CACHE_TTL.toNanos());
            tenants.put(tenantId, cached);
        }
        return Optional.of(Actor.ofJwt(tenantId, subject, role, cached.plan()));
    }

    public void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) CredentialsChanged changed) {
        tenants.remove(changed.tenantId());
        keys.values().removeIf(c -> c.actor.tenantId().equals(changed.tenantId()));
    }
}
