package io.tandem.api.tracker;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record CreateTaskRequest(@NotBlank @Size(max = 200) String title, @Size(max = 10000) String description) {}
