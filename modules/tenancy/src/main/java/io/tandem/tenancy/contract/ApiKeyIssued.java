package io.tandem.tenancy.contract;

import io.tandem.kernel.event.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * An API key was created; the event names its public prefix only, never its secret or hash.
 *
 * <p>Schema 2 added {@code name} and {@code expiresAt}; {@link ApiKeyIssuedV1ToV2} reads schema 1
 * (sign-up keys, which had neither) as named {@code sign-up} and never expiring.
 */
public record ApiKeyIssued(UUID apiKeyId, UUID memberId, String prefix, Role role, String name, Instant expiresAt)
        implements DomainEvent {
    @Override
    public int schemaVersion() {
        return 2;
    }
}
