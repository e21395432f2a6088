package io.tandem.kernel.projection;

import io.tandem.kernel.event.RecordedEvent;
import java.util.List;
import java.util.Set;

/**
 * A read model's projection logic, apart from how events reach it: the MDB that feeds it live,
 * a retry of a parked event, or a rebuild all call {@link #apply} inside a transaction that also
 * advances the projector's checkpoint.
 */
public interface Projection {
    /** The projector's name: its durable subscription, its checkpoints, its status. */
    String name();

    /**
     * The aggregate types whose events it follows. It sees every event of those aggregates (and
     * checkpoints each, applied or ignored) and nothing of others.
     */
    Set<String> aggregateTypes();

    /**
     * The tables it writes. Each has a {@code tenant_id} column and a twin {@code <table>_rebuild}
     * with the same columns, which a rebuild fills and then swaps in.
     */
    List<String> tables();

    /**
     * Whether rows of closed tenants stay (the operator's tenant directory keeps a closed tenant's
     * tombstone); every other read model is erased with the tenant.
     */
    default boolean keepsClosedTenants() {
        return false;
    }

    /** Applies one event (already in its current schema) to the given copy of the tables. */
    void apply(RecordedEvent event, ReadModelTables tables);

    /**
     * Applies a batch in one transaction: events in log order, in their current schema, each the
     * next version of its aggregate (their checkpoints are claimed already). Both a rebuild's batch
     * and a live message's events come here. A projection whose {@link #apply} costs a database
     * round trip per event overrides this to write the batch's outcome at once; the rows must come
     * out exactly as applying the events one by one would leave them (a rebuild's fingerprint is
     * compared with the live read model's). One that updates rows shared by many aggregates (a
     * project's counts) must touch them in a fixed order: live batches of different message
     * groups run at once, and two that lock the same rows in different orders deadlock.
     */
    default void applyAll(List<RecordedEvent> events, ReadModelTables tables) {
        for (RecordedEvent e : events) {
            apply(e, tables);
        }
    }
}
