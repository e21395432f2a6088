package io.tandem.kernel.projection;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Lets a rebuild's swap run while no live event is being applied to the same projection: live
 * applications share the gate, the swap holds it alone for the moment it takes. One server applies
 * all events (one relay, one broker), so an in-process lock is enough.
 */
@ApplicationScoped
public class ProjectionGate {
    private final Map<String, ReadWriteLock> locks = new ConcurrentHashMap<>();

    public ReadWriteLock of(String projector) {
        return locks.computeIfAbsent(projector, p -> new ReentrantReadWriteLock(true));
    }
}
