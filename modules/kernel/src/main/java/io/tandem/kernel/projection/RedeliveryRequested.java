package io.tandem.kernel.projection;

import jakarta.ejb.ApplicationException;

/**
 * Thrown out of a projector MDB to have the broker deliver the message again after its delay: some
 * of its events failed or arrived before their predecessors (the others are applied). Projector
 * MDBs receive outside a transaction, so throwing is how a delivery is rolled back: the resource
 * adapter then rolls its session back and the broker counts the delivery. An application
 * exception, so that the EJB container neither logs it as a failure of the bean nor discards the
 * instance; the expected retry is logged once, by {@link ProjectionDelivery}.
 */
@ApplicationException
public class RedeliveryRequested extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RedeliveryRequested(String message) {
        // No stack trace: the cause is logged where it happened, and this is not a failure of the caller.
        super(message, null, false, false);
    }
}
