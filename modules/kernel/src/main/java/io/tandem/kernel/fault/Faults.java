package io.tandem.kernel.fault;

import java.util.Set;

/**
 * Test-only fault points. They fire only when the server runs with {@code -Dtandem.faults=enabled},
 * which the integration-test server sets and production never does; with the property absent every
 * request for a fault is ignored, so a client cannot trigger one in production.
 */
public final class Faults {
    /** Throw after the handler appended its events, inside the command transaction. */
    public static final String AFTER_APPEND = "after-append";
    /** Throw in a projector after it wrote its read-model rows, on the first delivery only. */
    public static final String PROJECTOR_AFTER_WRITE = "projector-after-write";
    /** Make the relay publish the event twice, as it would after a crash before marking it sent. */
    public static final String PUBLISH_TWICE = "publish-twice";
    /** Make every projector fail on the event, on every delivery: a poison event. */
    public static final String POISON = "poison";
    /** Hold the command's transaction open for a few seconds after it appended (a late commit). */
    public static final String SLOW_COMMIT = "slow-commit";
    /**
     * Kill the server (halt, as kill -9 would) after the relay published the event and before it
     * marked it published; once per event, so the restarted server can publish it again.
     */
    public static final String CRASH_AFTER_PUBLISH = "crash-after-publish";

    /**
     * Publish the event at once, then roll the command back: the broker holds an event the log will
     * never have, as when a database loses commits the relay had already published (embedded H2
     * after kill -9, ADR 0002).
     */
    public static final String PUBLISHED_THEN_LOST = "published-then-lost";

    public static final Set<String> KNOWN = Set.of(AFTER_APPEND, PROJECTOR_AFTER_WRITE, PUBLISH_TWICE, POISON,
            SLOW_COMMIT, CRASH_AFTER_PUBLISH, PUBLISHED_THEN_LOST);

    private Faults() {}

    public static boolean enabled() {
        return "enabled".equals(System.getProperty("tandem.faults"));
    }

    public static boolean requested(Set<String> faults, String point) {
        return enabled() && faults.contains(point);
    }

    public static void trigger(Set<String> faults, String point) {
        if (requested(faults, point)) {
            throw new InjectedFault(point);
        }
    }

    public static void pause(Set<String> faults, String point, long millis) {
        if (requested(faults, point)) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Halts the JVM at once, without shutdown hooks, unless this point already crashed the server
     * for this key (a marker file in the server's data directory remembers it across the restart).
     */
    public static void crashOnce(Set<String> faults, String point, String key) {
        if (!requested(faults, point)) {
            return;
        }
        java.nio.file.Path marker = java.nio.file.Path.of(System.getProperty("jboss.server.data.dir", "."),
                "tandem-fault-" + point + "-" + key);
        try {
            if (java.nio.file.Files.exists(marker)) {
                return;
            }
            java.nio.file.Files.createFile(marker);
        } catch (java.io.IOException e) {
            return;
        }
        Runtime.getRuntime().halt(137);
    }

    /** The failure a fault point raises; deliberately unchecked so it rolls the transaction back. */
    public static final class InjectedFault extends RuntimeException {
        public InjectedFault(String point) {
            super("injected fault at " + point);
        }
    }
}
