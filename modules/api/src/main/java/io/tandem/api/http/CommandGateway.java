package io.tandem.api.http;

import io.tandem.kernel.command.Command;
import io.tandem.kernel.command.Receipt;
import io.tandem.kernel.publication.OutboxRelay;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/**
 * Sends a command: fires it as a synchronous CDI event, which the context's transactional EJB
 * handler observes. By the time {@code fire} returns the handler's transaction has committed (or
 * the rejection has been thrown), so the relay can be told there are new events to publish.
 */
@ApplicationScoped
public class CommandGateway {
    @Inject
    Event<Command> commands;

    @Inject
    OutboxRelay relay;

    public Receipt send(Command command) {
        commands.fire(command);
        Receipt receipt = command.context().receipt()
                .orElseThrow(() -> new IllegalStateException("no handler completed " + command.getClass().getSimpleName()));
        relay.wake();
        return receipt;
    }
}
