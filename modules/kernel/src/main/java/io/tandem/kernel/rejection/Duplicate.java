package io.tandem.kernel.rejection;

/** A value that must be unique within the tenant is taken already. */
public class Duplicate extends Rejection {
    public Duplicate(String field, String message) {
        super(field, message);
    }
}
