package io.tandem.tenancy.contract;

import io.tandem.kernel.event.DomainEvent;
import java.util.UUID;

/** An API key stopped working for good. */
public record ApiKeyRevoked(UUID apiKeyId, UUID memberId) implements DomainEvent {}
