package io.tandem.kernel.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.hibernate.LockMode;
import org.hibernate.LockOptions;
import org.hibernate.Session;

/**
 * Loads an entity by its id, and answers null only when the row is not there.
 *
 * <p>{@code EntityManager.find} also answers null when the read <em>failed</em>, if the
 * transaction was already marked for rollback: Hibernate's {@code SessionImpl.find} catches the
 * {@code JDBCException} and returns null in that case (HHH-12472, still so in 6.6). That is what a
 * transaction met when its connection turned out to be dead: by the time the failure reached
 * {@code find}, the transaction was marked for rollback (the pool had counted the connection lost).
 * A handler then said "project not found" (404) for a project that exists, and an authenticator
 * would have refused a valid key; the request should have failed, so that the client retries (503).
 * Hibernate's own load by id does not catch the failure, so it reaches the caller and
 * {@code UnexpectedFailureMapper} with its SQL state.
 *
 * <p>The architecture rules forbid {@code EntityManager.find} outside this class.
 */
public final class Rows {
    private Rows() {}

    /** The entity with this id, or null if there is none; a failed read throws. */
    public static <T> T byId(EntityManager em, Class<T> type, Object id) {
        return em.unwrap(Session.class).byId(type).load(id);
    }

    /** As {@link #byId(EntityManager, Class, Object)}, with the row locked in the given mode. */
    public static <T> T byId(EntityManager em, Class<T> type, Object id, LockModeType lock) {
        return em.unwrap(Session.class).byId(type).with(new LockOptions(LockMode.fromJpaLockMode(lock))).load(id);
    }
}
