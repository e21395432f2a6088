package io.tandem.kernel.rejection;

/** A valid request that the aggregate's current state forbids (an illegal transition, say). */
public class RuleViolated extends Rejection {
    public RuleViolated(String field, String message) {
        super(field, message);
    }
}
