package io.tandem.tenancy.contract;

import java.time.Instant;
import java.util.UUID;

public record MemberView(UUID memberId, String email, String role, Instant joinedAt, long version) {}
