package io.tandem.api.tenancy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The tenant's current name, repeated: closing erases everything, so it must not happen by a slip. */
public record CloseTenantRequest(@NotBlank @Size(max = 200) String confirmName) {}
