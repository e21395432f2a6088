package io.tandem.api.tenancy;

import io.tandem.tenancy.contract.ApiKeyView;
import java.util.List;

public record ApiKeyPage(List<ApiKeyView> items, int offset, int limit) {}
