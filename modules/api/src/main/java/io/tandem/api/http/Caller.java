package io.tandem.api.http;

import io.tandem.kernel.command.CommandContext;
import io.tandem.tenancy.contract.Actor;
import jakarta.enterprise.context.RequestScoped;
import java.util.Set;
import java.util.UUID;

/**
 * Who the current request acts as, set by {@link ApiKeyAuthFilter} from the API key. It is the only
 * source of a request's tenant id: resources never take one from the body, path or headers.
 */
@RequestScoped
public class Caller {
    private Actor actor;
    private Set<String> faults = Set.of();

    void authenticate(Actor actor, Set<String> faults) {
        this.actor = actor;
        this.faults = faults;
    }

    void requestFaults(Set<String> faults) {
        this.faults = faults;
    }

    public Actor actor() {
        if (actor == null) {
            throw new IllegalStateException("no authenticated caller on this request");
        }
        return actor;
    }

    public UUID tenantId() {
        return actor().tenantId();
    }

    /** A context for a command sent on behalf of the authenticated caller. */
    public CommandContext commandContext() {
        return commandContext(tenantId(), actor().describe());
    }

    /** A context for a command that creates its own tenant (sign-up), before anyone is authenticated. */
    public CommandContext commandContext(UUID tenantId, String actorName) {
        UUID id = UUID.randomUUID();
        return new CommandContext(tenantId, actorName, id, id, faults);
    }
}
