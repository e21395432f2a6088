package io.tandem.api.tenancy;

import io.tandem.tenancy.contract.Role;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** A new key acting as the caller's member, with a role no higher than the caller's, optionally expiring. */
public record ApiKeyRequest(
        @NotBlank @Size(max = 100) String name,
        @NotNull @Pattern(regexp = "owner|admin|member|viewer", message = "must be one of owner, admin, member, viewer") String role,
        @Future Instant expiresAt) {
    Role roleValue() {
        return Role.fromWire(role).orElseThrow();
    }
}
