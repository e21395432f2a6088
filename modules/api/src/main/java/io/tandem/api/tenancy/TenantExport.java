package io.tandem.api.tenancy;

import java.util.List;
import java.util.Map;

/** The shape of a tenant export, for the OpenAPI document (the server builds it as JSON directly). */
public record TenantExport(String tenantId, String exportedAt, List<Map<String, Object>> events,
        Map<String, List<Map<String, Object>>> readModels) {}
