package io.tandem.api.admin;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The plans Tandem knows; each has its rate limit in configuration (tandem.plan.<plan>.*). */
public record PlanRequest(
        @NotNull @Pattern(regexp = "trial|standard|enterprise", message = "must be one of trial, standard, enterprise") String plan) {}
