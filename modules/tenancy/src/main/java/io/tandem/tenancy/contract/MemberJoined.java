package io.tandem.tenancy.contract;

import io.tandem.kernel.event.DomainEvent;
import java.util.UUID;

public record MemberJoined(UUID memberId, String email, Role role) implements DomainEvent {}
