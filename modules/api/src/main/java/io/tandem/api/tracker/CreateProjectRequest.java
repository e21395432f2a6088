package io.tandem.api.tracker;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record CreateProjectRequest(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9]{1,15}", message = "must be 2 to 16 upper-case letters or digits, starting with a letter")
                String key) {}
