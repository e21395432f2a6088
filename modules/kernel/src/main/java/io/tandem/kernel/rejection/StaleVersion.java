package io.tandem.kernel.rejection;

/** The client's If-Match does not name the aggregate's current version: someone changed it first. */
public class StaleVersion extends Rejection {
    private final long current;

    public StaleVersion(String what, long expected, long current) {
        super("If-Match", what + " is at version " + current + ", not " + expected);
        this.current = current;
    }

    public long current() { return current; }
}
