package io.tandem.api.tenancy;

import io.tandem.tenancy.contract.Role;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

public record ChangeRoleRequest(
        @NotNull @Pattern(regexp = "owner|admin|member|viewer", message = "must be one of owner, admin, member, viewer") String role) {
    Role roleValue() {
        return Role.fromWire(role).orElseThrow();
    }
}
