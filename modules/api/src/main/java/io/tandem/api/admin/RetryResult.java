package io.tandem.api.admin;

import io.tandem.kernel.projection.DeadLetters;
import java.util.List;

/** What a retry or skip did to each parked event it touched, in the order it touched them. */
public record RetryResult(List<DeadLetters.Outcome> outcomes) {}
