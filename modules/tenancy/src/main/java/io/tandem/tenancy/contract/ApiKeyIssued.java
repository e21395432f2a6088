package io.tandem.tenancy.contract;

import io.tandem.kernel.event.DomainEvent;
import java.util.UUID;

/** An API key was created; the event names its public prefix only, never its secret or hash. */
public record ApiKeyIssued(UUID apiKeyId, UUID memberId, String prefix, Role role) implements DomainEvent {}
