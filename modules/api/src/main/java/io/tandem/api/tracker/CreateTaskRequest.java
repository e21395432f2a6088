package io.tandem.api.tracker;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record CreateTaskRequest(
        @NotBlank @Size(max = 200) String title,
        @Size(max = 10000) String description,
        @Schema(enumeration = {"low", "normal", "high"}, description = "Defaults to normal") String priority) {}
