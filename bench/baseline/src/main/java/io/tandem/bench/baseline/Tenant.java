package io.tandem.bench.baseline;

import jakarta.ws.rs.core.Response;

/**
 * The B3 endpoints' tenant: a header, trusted as it is. Tandem derives the tenant from an API key
 * or a JWT instead; B3 leaves that cost out on purpose and must never face real clients.
 */
final class Tenant {
    static final String HEADER = "X-Tenant";

    private Tenant() {}

    static Response missing() {
        return Refusal.badRequest(HEADER + " (a tenant uuid) is required");
    }
}
