package io.tandem.api.admin;

import java.util.Set;

/**
 * A projector as one tenant sees it: the last log position it applied for the tenant, how many of
 * the tenant's events it has not applied yet and the age of the oldest, how many are parked, and
 * its state ({@code live}, {@code catching-up}, {@code parked} or {@code rebuilding}), and the latest
 * rebuild's progress if there was one since the server started.
 */
public record ProjectionStatusView(
        String name,
        Set<String> aggregateTypes,
        long checkpoint,
        long lagEvents,
        long lagMillis,
        long parked,
        String state,
        RebuildView rebuild) {}
