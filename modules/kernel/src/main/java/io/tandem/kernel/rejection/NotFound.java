package io.tandem.kernel.rejection;

/**
 * The thing named does not exist for this tenant. Deliberately the same whether it does not exist
 * at all or belongs to another tenant, so ids cannot be probed across tenants.
 */
public class NotFound extends Rejection {
    public NotFound(String field, String what, Object id) {
        super(field, what + " " + id + " not found");
    }

    NotFound(String field, String message) {
        super(field, message);
    }
}
