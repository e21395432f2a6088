package io.tandem.api.queries;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Serialized answers of queries, in the Infinispan caches that {@code wildfly-config/40-server.cli}
 * defines (local, bounded by entries, idle entries expire): {@code tandem/queries} for lists and
 * boards, {@code tandem/rows} for one row read by its id, so that many rows read once each cannot
 * evict the boards.
 *
 * <p>An entry is keyed by tenant and request URI and remembers the read-model version it was read
 * at; it is served only while the version is still the current, stable one. A projector's
 * transaction moves the version before it writes (see {@code ReadModelVersions}), so its commit
 * invalidates every entry of that tenant and projection at once, without finding them: an entry of
 * an older version is never served and is replaced on the next read or evicted.
 */
@ApplicationScoped
public class QueryCache {
    /** An answer as sent: its read-model version, its ETag (quoted) and its JSON body. */
    public record Answer(String version, String etag, byte[] body) {}

    /** Counters since the server started. */
    public record Statistics(long hits, long misses, long stores, long notModified, long bypassed, long entries,
                             long rowEntries, boolean enabled) {}

    @Resource(lookup = "java:jboss/infinispan/cache/tandem/queries")
    ConcurrentMap<String, Answer> answers;

    @Resource(lookup = "java:jboss/infinispan/cache/tandem/rows")
    ConcurrentMap<String, Answer> rows;

    @Inject
    @ConfigProperty(name = "tandem.query-cache.enabled", defaultValue = "true")
    boolean enabled;

    /** Larger answers are not kept: the cache is bounded by entries, so entries must stay small. */
    @Inject
    @ConfigProperty(name = "tandem.query-cache.max-answer-bytes", defaultValue = "65536")
    int maxAnswerBytes;

    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder stores = new LongAdder();
    private final LongAdder notModified = new LongAdder();
    private final LongAdder bypassed = new LongAdder();

    /** The answer kept for the key at exactly this version; {@code oneRow}: the query reads one row by its id. */
    Optional<Answer> find(String key, String version, boolean oneRow) {
        if (!enabled) {
            return Optional.empty();
        }
        Answer answer = (oneRow ? rows : answers).get(key);
        return answer != null && answer.version().equals(version) ? Optional.of(answer) : Optional.empty();
    }

    void keep(String key, Answer answer, boolean oneRow) {
        if (enabled && answer.body().length <= maxAnswerBytes) {
            (oneRow ? rows : answers).put(key, answer);
            stores.increment();
        }
    }

    void hit() { hits.increment(); }
    void miss() { misses.increment(); }
    void notModified() { notModified.increment(); }
    void bypassed() { bypassed.increment(); }

    public Statistics statistics() {
        return new Statistics(hits.sum(), misses.sum(), stores.sum(), notModified.sum(), bypassed.sum(),
                enabled ? answers.size() : 0, enabled ? rows.size() : 0, enabled);
    }
}
