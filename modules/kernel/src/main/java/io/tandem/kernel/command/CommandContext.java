package io.tandem.kernel.command;

import io.tandem.kernel.id.TimeOrderedIds;
import io.tandem.kernel.idempotency.IdempotencyClaim;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who sends a command and for which tenant, plus the slot its handler fills with a receipt.
 *
 * <p>CDI observers cannot return a value, so the handler reports what it appended through this
 * object; the sender reads it after the (synchronous) event returns. The tenant id is taken from
 * the authenticated principal by the REST layer and is never read from a request body.
 */
public final class CommandContext {
    private final UUID tenantId;
    private final String actor;
    private final UUID commandId;
    private final UUID correlationId;
    private final Set<String> faults;
    private final IdempotencyClaim idempotency;
    private volatile Receipt receipt;

    public CommandContext(UUID tenantId, String actor, UUID commandId, UUID correlationId, Set<String> faults,
            IdempotencyClaim idempotency) {
        this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
        this.actor = Objects.requireNonNull(actor, "actor");
        this.commandId = Objects.requireNonNull(commandId, "commandId");
        this.correlationId = Objects.requireNonNull(correlationId, "correlationId");
        this.faults = Set.copyOf(faults);
        this.idempotency = idempotency;
        if (idempotency != null && !idempotency.tenantId().equals(tenantId)) {
            throw new IllegalArgumentException("an idempotency key belongs to the command's own tenant");
        }
    }

    public CommandContext(UUID tenantId, String actor, UUID commandId, UUID correlationId, Set<String> faults) {
        this(tenantId, actor, commandId, correlationId, faults, null);
    }

    public static CommandContext of(UUID tenantId, String actor) {
        UUID id = TimeOrderedIds.next();
        return new CommandContext(tenantId, actor, id, id, Set.of());
    }

    public UUID tenantId() { return tenantId; }
    public String actor() { return actor; }
    public UUID commandId() { return commandId; }
    public UUID correlationId() { return correlationId; }

    /** Test-only fault points requested for this command; always empty unless faults are enabled. */
    public Set<String> faults() { return faults; }

    /** The idempotency key the command was sent with, if any. */
    public Optional<IdempotencyClaim> idempotency() { return Optional.ofNullable(idempotency); }

    /** Records what the handler appended; with several events, the last one's receipt stands. */
    public void complete(Receipt receipt) {
        this.receipt = Objects.requireNonNull(receipt);
    }

    public Optional<Receipt> receipt() { return Optional.ofNullable(receipt); }
}
