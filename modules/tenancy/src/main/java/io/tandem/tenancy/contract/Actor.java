package io.tandem.tenancy.contract;

import java.util.UUID;

/** Who an authenticated request acts as: always exactly one tenant, one member, one role. */
public record Actor(UUID tenantId, UUID memberId, UUID apiKeyId, Role role) {
    public String describe() {
        return "apikey:" + apiKeyId;
    }
}
