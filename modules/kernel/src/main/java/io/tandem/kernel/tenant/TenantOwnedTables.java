package io.tandem.kernel.tenant;

import java.util.List;

/**
 * The write-model tables a bounded context keeps per tenant, each with a {@code tenant_id} column,
 * listed children first (the order rows can be deleted in). Closing a tenant erases them all.
 */
public interface TenantOwnedTables {
    List<String> tables();
}
