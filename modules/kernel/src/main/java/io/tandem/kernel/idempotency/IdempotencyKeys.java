package io.tandem.kernel.idempotency;

import io.tandem.kernel.command.Receipt;
import io.tandem.kernel.event.EventLogException;
import io.tandem.kernel.rejection.Rejection;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Idempotency keys as Stripe designed them, scoped to the tenant.
 *
 * <p>{@link #claim} runs in its own (auto-commit) statement before the command: it records the key
 * as in flight, or finds the outcome of the request that used it first. {@link #complete} runs
 * inside the command's transaction, so the key's outcome commits exactly when the command's events
 * do. A rejected command stores its rejection afterwards (it changed nothing, so there is nothing
 * to keep consistent with); a command that failed releases the key so the client can retry.
 */
@ApplicationScoped
public class IdempotencyKeys {
    /** A claim older than this belongs to a request that died (longer than any transaction may run). */
    static final Duration ABANDONED = Duration.ofSeconds(90);
    public static final Duration KEPT = Duration.ofHours(24);

    static final String IN_FLIGHT = "in_flight";
    static final String COMPLETED = "completed";
    static final String REJECTED = "rejected";

    @Resource(lookup = "java:jboss/datasources/TandemDS")
    DataSource dataSource;

    /** What the key says about a request. */
    public sealed interface Outcome {
        /** The key is new (or its earlier holder died): execute the command. */
        record Execute() implements Outcome {}

        /** The same request succeeded before: answer as it was answered. */
        record Replay(Receipt receipt) implements Outcome {}

        /** The same request was rejected before: reject it the same way. */
        record ReplayRejection(String kind, String field, String message) implements Outcome {}

        /** The same request is still being executed. */
        record InFlight() implements Outcome {}

        /** The key was used for a different request. */
        record Mismatch() implements Outcome {}
    }

    public Outcome claim(IdempotencyClaim claim) {
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection()) {
            for (int attempt = 0; attempt < 3; attempt++) {
                Outcome existing = read(c, claim, now);
                if (existing != null) {
                    return existing;
                }
                try (PreparedStatement ps = c.prepareStatement("insert into idempotency_key (tenant_id, idem_key,"
                        + " fingerprint, state, created_at, claimed_at) values (?,?,?,?,?,?)")) {
                    ps.setObject(1, claim.tenantId());
                    ps.setString(2, claim.key());
                    ps.setString(3, claim.fingerprint());
                    ps.setString(4, IN_FLIGHT);
                    ps.setTimestamp(5, Timestamp.from(now));
                    ps.setTimestamp(6, Timestamp.from(now));
                    ps.executeUpdate();
                    return new Outcome.Execute();
                } catch (SQLException e) {
                    if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                        throw e;
                    }
                    // Another request inserted the key between our read and insert: read it again.
                }
            }
            return new Outcome.InFlight();
        } catch (SQLException e) {
            throw new EventLogException("could not claim idempotency key", e);
        }
    }

    private Outcome read(Connection c, IdempotencyClaim claim, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select fingerprint, state, aggregate_id, aggregate_version,"
                + " global_position, rejection_kind, rejection_field, rejection_message, claimed_at, created_at"
                + " from idempotency_key where tenant_id = ? and idem_key = ?")) {
            ps.setObject(1, claim.tenantId());
            ps.setString(2, claim.key());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                if (rs.getTimestamp(10).toInstant().isBefore(now.minus(KEPT))) {
                    delete(c, claim);
                    return null;
                }
                if (!rs.getString(1).equals(claim.fingerprint())) {
                    return new Outcome.Mismatch();
                }
                switch (rs.getString(2)) {
                    case COMPLETED:
                        return new Outcome.Replay(
                                new Receipt(rs.getObject(3, UUID.class), rs.getLong(4), rs.getLong(5)));
                    case REJECTED:
                        return new Outcome.ReplayRejection(rs.getString(6), rs.getString(7), rs.getString(8));
                    default:
                        if (rs.getTimestamp(9).toInstant().isBefore(now.minus(ABANDONED)) && takeOver(c, claim, now)) {
                            return new Outcome.Execute();
                        }
                        return new Outcome.InFlight();
                }
            }
        }
    }

    private static boolean takeOver(Connection c, IdempotencyClaim claim, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update idempotency_key set claimed_at = ? where tenant_id = ?"
                + " and idem_key = ? and state = ? and claimed_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setObject(2, claim.tenantId());
            ps.setString(3, claim.key());
            ps.setString(4, IN_FLIGHT);
            ps.setTimestamp(5, Timestamp.from(now.minus(ABANDONED)));
            return ps.executeUpdate() == 1;
        }
    }

    /** Inside the command's transaction: the key's outcome commits with the command's events. */
    public void complete(IdempotencyClaim claim, Receipt receipt) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("update idempotency_key"
                + " set state = ?, aggregate_id = ?, aggregate_version = ?, global_position = ?"
                + " where tenant_id = ? and idem_key = ?")) {
            ps.setString(1, COMPLETED);
            ps.setObject(2, receipt.aggregateId());
            ps.setLong(3, receipt.version());
            ps.setLong(4, receipt.position());
            ps.setObject(5, claim.tenantId());
            ps.setString(6, claim.key());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new EventLogException("could not record the idempotency key's outcome", e);
        }
    }

    public void reject(IdempotencyClaim claim, Rejection rejection) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("update idempotency_key"
                + " set state = ?, rejection_kind = ?, rejection_field = ?, rejection_message = ?"
                + " where tenant_id = ? and idem_key = ? and state = ?")) {
            ps.setString(1, REJECTED);
            ps.setString(2, rejection.getClass().getSimpleName());
            ps.setString(3, rejection.field());
            ps.setString(4, rejection.getMessage());
            ps.setObject(5, claim.tenantId());
            ps.setString(6, claim.key());
            ps.setString(7, IN_FLIGHT);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new EventLogException("could not record the idempotency key's rejection", e);
        }
    }

    /** The command failed: forget the key so that a retry executes it. */
    public void release(IdempotencyClaim claim) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "delete from idempotency_key where tenant_id = ? and idem_key = ? and state = ?")) {
                ps.setObject(1, claim.tenantId());
                ps.setString(2, claim.key());
                ps.setString(3, IN_FLIGHT);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new EventLogException("could not release idempotency key", e);
        }
    }

    /** Deletes keys past their retention; returns how many. */
    public int expire() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("delete from idempotency_key where created_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now().minus(KEPT)));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new EventLogException("could not expire idempotency keys", e);
        }
    }

    private static void delete(Connection c, IdempotencyClaim claim) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from idempotency_key where tenant_id = ? and idem_key = ?")) {
            ps.setObject(1, claim.tenantId());
            ps.setString(2, claim.key());
            ps.executeUpdate();
        }
    }
}
