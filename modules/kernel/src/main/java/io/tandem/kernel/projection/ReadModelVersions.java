package io.tandem.kernel.projection;

import io.tandem.kernel.tenant.CurrentTenant;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The version of what a read model holds for a tenant, without asking the database: what
 * conditional GETs and the query cache compare.
 *
 * <p>Every transaction that writes a projection's rows calls {@link #changing} before it writes;
 * that counts the change as started, and its completion (commit or rollback) counts it as
 * finished. A version is only {@linkplain #stamp stable} while every started change has finished,
 * so a stable version names exactly one state of the rows: an answer read between two equal stable
 * versions is that state, and no later commit can leave the version where it was. Because a change
 * starts before its rows (and the checkpoint a {@code Tandem-Min-Position} read waits for) commit,
 * a reader that has seen the commit also sees the version move.
 *
 * <p>Counters live in this server's memory and start at zero, so each start draws a random epoch
 * that every version carries: a version of an earlier run, or of another server, never matches.
 * Changes that span tenants (a platform-wide rebuild's swap) move a projection-wide counter that
 * every tenant's version includes.
 */
@ApplicationScoped
public class ReadModelVersions {
    private static final UUID ALL_TENANTS = new UUID(0, 1);

    private final String epoch = Long.toString(new SecureRandom().nextLong() >>> 1, 36);
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final AtomicLong unsettled = new AtomicLong();

    @Resource(lookup = "java:jboss/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transaction;

    /** Changes started and finished: equal when none is in flight. */
    static final class Counter {
        final AtomicLong started = new AtomicLong();
        final AtomicLong finished = new AtomicLong();
    }

    /**
     * The current transaction is about to change a projection's rows of a tenant
     * ({@link CurrentTenant#PLATFORM} for rows of any tenant). Once per transaction and key.
     */
    public void changing(String projection, UUID tenant) {
        @SuppressWarnings("unchecked")
        Set<String> seen = (Set<String>) transaction.getResource(this);
        if (seen == null) {
            seen = new HashSet<>();
            transaction.putResource(this, seen);
        }
        if (!seen.add(key(projection, tenant))) {
            return;
        }
        Counter counter = begin(projection, tenant);
        Counter all = begin(projection, ALL_TENANTS);
        transaction.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                counter.finished.incrementAndGet();
                all.finished.incrementAndGet();
            }
        });
    }

    /** Starts a change outside a transaction manager (tests); {@link #finish} ends it. */
    Counter begin(String projection, UUID tenant) {
        Counter c = counter(projection, tenant);
        c.started.incrementAndGet();
        return c;
    }

    static void finish(Counter c) {
        c.finished.incrementAndGet();
    }

    /**
     * The version of what the projections hold for a tenant, or empty while a change to it is in
     * flight. {@code tenant == null} asks for the projections' rows of all tenants (the operator's
     * directory).
     */
    public Optional<String> stamp(List<String> projections, UUID tenant) {
        StringBuilder version = new StringBuilder(epoch);
        for (String projection : projections) {
            if (tenant == null) {
                if (!append(version, counter(projection, ALL_TENANTS))) {
                    return Optional.empty();
                }
            } else if (!append(version, counter(projection, CurrentTenant.PLATFORM))
                    || !append(version, counter(projection, tenant))) {
                return Optional.empty();
            }
        }
        return Optional.of(version.toString());
    }

    /**
     * A label for an answer read now: the stable version, or while a change is in flight a label
     * used once, which equals no stable version (it has a '~', which versions never have) and no
     * other label. An answer read during a change is never confirmed by it: not by a later 304 and
     * not by a 304 to the request that read it, whose If-None-Match may name the version just
     * before the change (the finished counts alone would still read so) while the rows already
     * show the change.
     */
    public String label(List<String> projections, UUID tenant) {
        return stamp(projections, tenant).orElseGet(() -> epoch + "~" + Long.toString(unsettled.incrementAndGet(), 36));
    }

    /** Appends the finished count; false if a change is in flight. Finished first, then started. */
    private static boolean append(StringBuilder version, Counter c) {
        long finished = c.finished.get();
        long started = c.started.get();
        if (started != finished) {
            return false;
        }
        version.append('.').append(Long.toString(finished, 36));
        return true;
    }

    private Counter counter(String projection, UUID tenant) {
        return counters.computeIfAbsent(key(projection, tenant), k -> new Counter());
    }

    private static String key(String projection, UUID tenant) {
        return projection + '/' + tenant;
    }
}
