package io.tandem.api.http;

import io.tandem.kernel.command.CommandContext;
import io.tandem.kernel.id.TimeOrderedIds;
import io.tandem.kernel.idempotency.IdempotencyClaim;
import io.tandem.kernel.projection.TenantScope;
import io.tandem.tenancy.contract.Actor;
import jakarta.enterprise.context.RequestScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;

/**
 * Who the current request acts as, set by {@link AuthenticationFilter} from the credential. It is the only
 * source of a request's tenant id: resources never take one from the body, path or headers.
 */
@RequestScoped
public class Caller {
    private Actor actor;
    private boolean operator;
    private Set<String> faults = Set.of();
    private String idempotencyKey;
    private MessageDigest fingerprint;
    private boolean replayed;

    void authenticate(Actor actor, Set<String> faults) {
        this.actor = actor;
        this.faults = faults;
    }

    void authenticateOperator(Set<String> faults) {
        this.operator = true;
        this.faults = faults;
    }

    /** Whether the request carries the platform operator's key (no tenant, every tenant). */
    public boolean operator() {
        return operator;
    }

    /** What the caller may see: their own tenant, or every tenant for the platform operator. */
    public TenantScope scope() {
        return operator ? TenantScope.ALL : TenantScope.of(tenantId());
    }

    /** Who the caller is, as recorded in events, audits and parked-event resolutions. */
    public String name() {
        return operator ? "operator" : actor().describe();
    }

    void requestFaults(Set<String> faults) {
        this.faults = faults;
    }

    /**
     * The request carries an idempotency key; its fingerprint covers the method, the path and the
     * precondition now, and the body once it is read.
     */
    void useIdempotencyKey(String key, String method, String path, String ifMatch) {
        this.idempotencyKey = key;
        try {
            this.fingerprint = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        fingerprint.update((method + " " + path + "\n" + (ifMatch == null ? "" : ifMatch.trim()) + "\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    void bodyRead(byte[] body) {
        if (fingerprint != null) {
            fingerprint.update(body);
        }
    }

    void markReplayed() {
        this.replayed = true;
    }

    /** Whether the response repeats an earlier request's outcome (Idempotent-Replayed). */
    boolean replayed() {
        return replayed;
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
        UUID id = TimeOrderedIds.next();
        IdempotencyClaim claim = idempotencyKey == null
                ? null
                : new IdempotencyClaim(tenantId(), idempotencyKey, HexFormat.of().formatHex(fingerprint.digest()));
        return new CommandContext(tenantId(), actor().describe(), id, id, faults, claim);
    }

    /** A context naming the caller, without the request's idempotency key: for recording a refusal. */
    public CommandContext auditContext() {
        UUID id = TimeOrderedIds.next();
        return new CommandContext(tenantId(), actor().describe(), id, id, Set.of());
    }

    /** A context for a command the platform operator sends to one tenant (suspend, plan). */
    public CommandContext operatorContext(UUID tenantId) {
        if (!operator) {
            throw new IllegalStateException("only the platform operator acts on another tenant");
        }
        UUID id = TimeOrderedIds.next();
        return new CommandContext(tenantId, "operator", id, id, faults);
    }

    /** A context for a command that creates its own tenant (sign-up), before anyone is authenticated. */
    public CommandContext commandContext(UUID tenantId, String actorName) {
        UUID id = TimeOrderedIds.next();
        return new CommandContext(tenantId, actorName, id, id, faults);
    }
}
