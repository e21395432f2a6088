package io.tandem.tracker.domain;

import io.tandem.kernel.tenant.TenantOwnedTables;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The tracker's per-tenant write tables, children first: erased when a tenant closes. */
@ApplicationScoped
public class TrackerTables implements TenantOwnedTables {
    @Override
    public List<String> tables() {
        return List.of("tracker_task", "tracker_project");
    }
}
