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

    public static final Set<String> KNOWN = Set.of(AFTER_APPEND, PROJECTOR_AFTER_WRITE, PUBLISH_TWICE, POISON, SLOW_COMMIT);

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

    /** The failure a fault point raises; deliberately unchecked so it rolls the transaction back. */
    public static final class InjectedFault extends RuntimeException {
        public InjectedFault(String point) {
            super("injected fault at " + point);
        }
    }
}
