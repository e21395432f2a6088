package io.tandem.api.http;

import io.tandem.kernel.tenant.CurrentTenant;

import io.tandem.kernel.command.Command;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Fires a command, retrying it when it failed transiently. Each attempt is a new call into the
 * handler, whose EJB starts a new transaction (nothing here holds one open), so a retry never runs
 * inside the transaction that failed.
 */
@ApplicationScoped
public class CommandExecutor {
    @Inject
    Event<Command> commands;

    @Retry(maxRetries = 3, delay = 50, jitter = 25, retryOn = TransientFailure.class)
    public void fire(Command command) {
        try {
            // The handler's queries and inserts are scoped to the command's tenant by Hibernate.
            CurrentTenant.run(command.context().tenantId(), () -> commands.fire(command));
        } catch (RuntimeException e) {
            if (TransientFailure.isTransient(e)) {
                throw new TransientFailure(e);
            }
            throw e;
        }
    }
}
