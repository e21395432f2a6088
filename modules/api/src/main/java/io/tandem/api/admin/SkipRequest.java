package io.tandem.api.admin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why a parked event is skipped; recorded with the event. */
public record SkipRequest(@NotBlank @Size(max = 500) String reason) {}
