package io.tandem.tenancy.credentials;

import java.util.UUID;

/**
 * Fired by a handler whose command changes what a tenant's credentials may do (revocation, role
 * change, removal, suspension, plan, closure); observed after the commit, so that the
 * authentication cache forgets the tenant at once rather than when its entries expire.
 */
public record CredentialsChanged(UUID tenantId) {}
