package io.tandem.kernel.tenant;

import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * What {@link TenantSessions} last set {@code tandem.tenant} to for the current JTA transaction, so
 * that a holder who wants the tenant already in force does not send the same setting again (a
 * projector's checkpoint claim sets it along with its own statement, and Hibernate's connection for
 * the write that follows then needs none).
 *
 * <p>Kept in the transaction's own resources, so it ends with the transaction exactly as the
 * transaction-local setting does. It describes the connection of the transaction because TandemDS
 * is a local-transaction data source: IronJacamar gives every handle taken in one JTA transaction
 * the same physical connection (a local transaction cannot span two). A record is made only for a
 * setting that is the transaction's own, and is dropped before any other setting is sent, so a
 * failed or session-level setting can never leave it saying something the connection does not.
 */
final class TenantOfTransaction {
    private static final Object KEY = TenantOfTransaction.class;
    /** Stands for "not known": the registry may not keep a null, and every String value is a real setting. */
    private static final Object UNKNOWN = new Object();
    private static final String REGISTRY = "java:jboss/TransactionSynchronizationRegistry";

    /** The registry; none where there is no JNDI (then nothing is recorded and every setting is sent). */
    private static volatile TransactionSynchronizationRegistry registry;
    private static volatile boolean lookedUp;

    private TenantOfTransaction() {}

    /** Records the value a transaction-local setting just gave the transaction's connection. */
    static void record(String value) {
        TransactionSynchronizationRegistry r = active();
        if (r != null) {
            r.putResource(KEY, value);
        }
    }

    /** Forgets the record: the setting is about to change in a way the record may not follow. */
    static void forget() {
        TransactionSynchronizationRegistry r = active();
        if (r != null && r.getResource(KEY) instanceof String) {
            r.putResource(KEY, UNKNOWN);
        }
    }

    /** Whether the current transaction's connection carries this value now, as set for the transaction. */
    static boolean is(String value) {
        TransactionSynchronizationRegistry r = active();
        return r != null && value.equals(r.getResource(KEY));
    }

    private static TransactionSynchronizationRegistry active() {
        TransactionSynchronizationRegistry r = registry();
        if (r == null) {
            return null;
        }
        int status = r.getTransactionStatus();
        // Only while statements can still run: once a transaction is completing, PostgreSQL may
        // already have dropped the local setting and the registry refuses new resources.
        return status == Status.STATUS_ACTIVE || status == Status.STATUS_MARKED_ROLLBACK ? r : null;
    }

    private static TransactionSynchronizationRegistry registry() {
        if (!lookedUp) {
            try {
                registry = (TransactionSynchronizationRegistry) new InitialContext().lookup(REGISTRY);
            } catch (NamingException | RuntimeException e) {
                registry = null;
            }
            lookedUp = true;
        }
        return registry;
    }

    /** For tests: the registry to use instead of the container's (null: none). */
    static void use(TransactionSynchronizationRegistry r) {
        registry = r;
        lookedUp = true;
    }
}
