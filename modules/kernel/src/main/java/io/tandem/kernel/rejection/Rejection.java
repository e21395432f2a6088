package io.tandem.kernel.rejection;

import jakarta.ejb.ApplicationException;

/**
 * A command or query the domain refuses. It rolls the transaction back but is an expected outcome,
 * not a failure: marked as an application exception so the EJB container neither wraps nor logs it
 * as an error. The REST layer maps each kind to an RFC 9457 problem naming the offending field.
 */
@ApplicationException(rollback = true, inherited = true)
public abstract class Rejection extends RuntimeException {
    private final String field;

    /** Longer messages are cut: a message may quote the client's input, which can be long. */
    public static final int MAX_MESSAGE = 300;

    protected Rejection(String field, String message) {
        super(message != null && message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 1) + "…" : message,
                null, false, false);
        this.field = field;
    }

    /** The request field the rejection is about, or null if it concerns the request as a whole. */
    public String field() { return field; }

    /**
     * The same rejection again, from what {@link #getClass()}'s simple name, {@link #field()} and
     * {@link #getMessage()} said: how a replayed idempotent request is refused as it was the first time.
     */
    public static Rejection recreate(String kind, String field, String message) {
        return switch (kind) {
            case "NotFound" -> new NotFound(field, message);
            case "InvalidInput" -> new InvalidInput(field, message);
            case "RuleViolated" -> new RuleViolated(field, message);
            case "StaleVersion" -> new StaleVersion(field, message);
            case "Duplicate" -> new Duplicate(field, message);
            case "Forbidden" -> new Forbidden(field, message);
            default -> new InvalidInput(field, message);
        };
    }
}
