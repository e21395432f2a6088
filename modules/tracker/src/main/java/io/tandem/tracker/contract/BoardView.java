package io.tandem.tracker.contract;

import java.util.List;
import java.util.UUID;

public record BoardView(UUID projectId, String key, String name, long total, List<Column> columns) {

    /** One status column: every status appears, empty ones with count 0. */
    public record Column(String status, long count, List<Card> tasks) {}

    public record Card(UUID id, String title, String priority, long version) {}
}
