package io.tandem.api.tracker;

import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record MoveTaskRequest(
        @NotBlank @Schema(enumeration = {"todo", "in_progress", "done"}, description = "The status to move the task to")
                String status) {}
