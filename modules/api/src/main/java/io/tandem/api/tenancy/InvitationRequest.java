package io.tandem.api.tenancy;

import io.tandem.tenancy.contract.Role;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record InvitationRequest(
        @NotBlank @Email @Size(max = 254) String email,
        @NotNull @Pattern(regexp = "owner|admin|member|viewer", message = "must be one of owner, admin, member, viewer") String role) {
    Role roleValue() {
        return Role.fromWire(role).orElseThrow();
    }
}
