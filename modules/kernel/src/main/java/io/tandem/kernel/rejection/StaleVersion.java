package io.tandem.kernel.rejection;

/** The client's If-Match does not name the aggregate's current version: someone changed it first. */
public class StaleVersion extends Rejection {
    private final long current;

    public StaleVersion(String what, long expected, long current) {
        super("If-Match", what + " is at version " + current + ", not " + expected);
        this.current = current;
    }

    StaleVersion(String field, String message) {
        super(field, message);
        this.current = -1;
    }

    /** The aggregate's version when the command was refused; -1 when recreated from a stored outcome. */
    public long current() { return current; }
}
