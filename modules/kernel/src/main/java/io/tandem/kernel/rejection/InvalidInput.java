package io.tandem.kernel.rejection;

/** A value the domain cannot accept at all, whatever the state (an unknown status, say). */
public class InvalidInput extends Rejection {
    public InvalidInput(String field, String message) {
        super(field, message);
    }
}
