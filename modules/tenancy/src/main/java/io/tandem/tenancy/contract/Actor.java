package io.tandem.tenancy.contract;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Who an authenticated request acts as: always exactly one tenant and one role. An API key acts as
 * its member; a JWT from the enterprise identity provider acts as its subject, who need not be a
 * member (the identity provider vouches for the role).
 *
 * @param memberId the member an API key belongs to; null for a JWT subject
 * @param apiKeyId the key used; null for a JWT
 * @param principal how the actor is written in events and the audit log ({@code apikey:<id>}, {@code jwt:<sub>})
 */
public record Actor(UUID tenantId, UUID memberId, UUID apiKeyId, Role role, String plan, String principal) {
    public Actor {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(principal, "principal");
    }

    public static Actor ofApiKey(UUID tenantId, UUID memberId, UUID apiKeyId, Role role, String plan) {
        return new Actor(tenantId, memberId, apiKeyId, role, plan, "apikey:" + apiKeyId);
    }

    public static Actor ofJwt(UUID tenantId, String subject, Role role, String plan) {
        return new Actor(tenantId, null, null, role, plan, "jwt:" + subject);
    }

    public String describe() {
        return principal;
    }

    public Optional<UUID> member() {
        return Optional.ofNullable(memberId);
    }
}
