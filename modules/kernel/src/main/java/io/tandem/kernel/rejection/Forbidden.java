package io.tandem.kernel.rejection;

/**
 * The caller's role may use the operation but not on this target: an admin changing an owner, a
 * key asked for more power than its issuer has. The role matrix itself is checked before any work.
 */
public class Forbidden extends Rejection {
    public Forbidden(String field, String message) {
        super(field, message);
    }
}
