package io.tandem.api.admin;

import io.tandem.tenancy.contract.TenantView;
import java.util.List;

public record TenantDirectoryPage(List<TenantView> items, int offset, int limit) {}
