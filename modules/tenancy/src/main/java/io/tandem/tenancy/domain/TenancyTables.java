package io.tandem.tenancy.domain;

import io.tandem.kernel.tenant.TenantOwnedTables;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The tenancy context's per-tenant write tables; the tenant row itself stays, marked closed. */
@ApplicationScoped
public class TenancyTables implements TenantOwnedTables {
    @Override
    public List<String> tables() {
        return List.of("tenancy_invitation", "tenancy_api_key", "tenancy_member");
    }
}
