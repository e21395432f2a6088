package io.tandem.api.http;

import io.tandem.api.problem.Problem;
import io.tandem.kernel.command.Command;
import io.tandem.kernel.command.Refusals;
import io.tandem.kernel.command.Receipt;
import io.tandem.kernel.idempotency.IdempotencyClaim;
import io.tandem.kernel.idempotency.IdempotencyKeys;
import io.tandem.kernel.idempotency.IdempotencyKeys.Outcome;
import io.tandem.kernel.publication.OutboxRelay;
import io.tandem.kernel.publication.OutboxStore;
import io.tandem.kernel.rejection.Rejection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

/**
 * Sends a command: fires it as a synchronous CDI event, which the context's transactional EJB
 * handler observes. By the time {@code fire} returns the handler's transaction has committed (or
 * the rejection has been thrown), so the relay can be told there are new events to publish.
 *
 * <p>With an idempotency key, the key is claimed first: a repeat of a finished request returns
 * that request's receipt (or rejection) without executing again; a repeat of one still running
 * waits briefly for it, then gets 409; the same key with another request gets 422.
 */
@ApplicationScoped
public class CommandGateway {
    /** How long a repeat waits for the first request with its key to finish before it gets 409. */
    static final long IN_FLIGHT_WAIT_MILLIS = 2000;

    @Inject
    CommandExecutor executor;

    @Inject
    OutboxRelay relay;

    @Inject
    OutboxStore outbox;

    @Inject
    IdempotencyKeys idempotencyKeys;

    @Inject
    Caller caller;

    @Inject
    Refusals refusals;

    public Receipt send(Command command) {
        var claim = command.context().idempotency();
        if (claim.isEmpty()) {
            return execute(command);
        }
        Outcome outcome = claim(claim.get());
        if (outcome instanceof Outcome.Replay replay) {
            caller.markReplayed();
            return replay.receipt();
        }
        if (outcome instanceof Outcome.ReplayRejection rejection) {
            caller.markReplayed();
            throw Rejection.recreate(rejection.kind(), rejection.field(), rejection.message());
        }
        if (outcome instanceof Outcome.InFlight) {
            throw new WebApplicationException(Problem.of(Status.CONFLICT, "idempotency-key-in-flight",
                    "a request with this Idempotency-Key is still being processed; retry", IdempotencyFilter.HEADER)
                    .toResponse());
        }
        if (outcome instanceof Outcome.Mismatch) {
            throw new WebApplicationException(Problem.of(new Unprocessable(), "idempotency-key-reused",
                    "this Idempotency-Key was used for a different request", IdempotencyFilter.HEADER).toResponse());
        }
        try {
            return execute(command);
        } catch (Rejection r) {
            idempotencyKeys.reject(claim.get(), r);
            throw r;
        } catch (RuntimeException e) {
            idempotencyKeys.release(claim.get());
            throw e;
        }
    }

    private Outcome claim(IdempotencyClaim claim) {
        long deadline = System.nanoTime() + IN_FLIGHT_WAIT_MILLIS * 1_000_000;
        Outcome outcome = idempotencyKeys.claim(claim);
        while (outcome instanceof Outcome.InFlight && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            outcome = idempotencyKeys.claim(claim);
        }
        return outcome;
    }

    private Receipt execute(Command command) {
        try {
            executor.fire(command);
        } catch (Rejection r) {
            // The command's transaction rolled back; its refusal goes to the audit log on its own.
            var ctx = command.context();
            refusals.record(ctx, command.getClass().getSimpleName(), r.getClass().getSimpleName(), r.field(), r.getMessage());
            throw r;
        }
        Receipt receipt = command.context().receipt()
                .orElseThrow(() -> new IllegalStateException("no handler completed " + command.getClass().getSimpleName()));
        // Stored before it is acknowledged: on H2 a commit alone may not be (OutboxStore#persistCommitted).
        outbox.persistCommitted();
        relay.wake();
        return receipt;
    }

    /** 422 is not in JAX-RS's Status enum. */
    static final class Unprocessable implements Response.StatusType {
        @Override public int getStatusCode() { return 422; }
        @Override public Status.Family getFamily() { return Status.Family.CLIENT_ERROR; }
        @Override public String getReasonPhrase() { return "Unprocessable Content"; }
    }
}
