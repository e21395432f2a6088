package io.tandem.api.tenancy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record RenameTenantRequest(@NotBlank @Size(max = 200) String name) {}
