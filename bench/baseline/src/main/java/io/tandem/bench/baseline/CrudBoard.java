package io.tandem.bench.baseline;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The B3 board: the same JSON as Tandem's {@code BoardView} (a test holds the two together), built
 * from the rows of one query over the write model instead of the {@code task_board} read model.
 */
public record CrudBoard(UUID projectId, String key, String name, long total, List<Column> columns) {

    /** Cards listed per column, as Tandem's FetchBoardHandler; the count still covers them all. */
    static final int CARDS_PER_COLUMN = 200;

    /** The tracker's statuses as stored in tracker_task (enum names), in the board's column order. */
    static final List<String> STATUSES = List.of("TODO", "IN_PROGRESS", "DONE");

    public record Column(String status, long count, List<Card> tasks) {}

    public record Card(UUID id, String title, String priority, long version) {}

    /**
     * Reads the rows of {@link CrudBoardResource#QUERY}: project id, key, name, then task id, title,
     * priority, version, status and the status's task count. A project without tasks is one row
     * whose task columns are null (the left join); no rows at all: no such project in the tenant.
     */
    static Optional<CrudBoard> fromRows(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] first = rows.get(0);
        Map<String, Long> counts = new HashMap<>();
        Map<String, List<Card>> cards = new HashMap<>();
        for (Object[] row : rows) {
            if (row[3] == null) {
                continue;
            }
            String status = (String) row[7];
            counts.put(status, ((Number) row[8]).longValue());
            cards.computeIfAbsent(status, s -> new ArrayList<>())
                    .add(new Card(uuid(row[3]), (String) row[4], (String) row[5], ((Number) row[6]).longValue()));
        }
        List<Column> columns = new ArrayList<>(STATUSES.size());
        long total = 0;
        for (String status : STATUSES) {
            long count = counts.getOrDefault(status, 0L);
            total += count;
            columns.add(new Column(status.toLowerCase(Locale.ROOT), count, cards.getOrDefault(status, List.of())));
        }
        return Optional.of(new CrudBoard(uuid(first[0]), (String) first[1], (String) first[2], total, columns));
    }

    /** A uuid column of a native query: PostgreSQL's driver gives a UUID, H2's the 16 bytes. */
    static UUID uuid(Object column) {
        if (column instanceof byte[] bytes && bytes.length == 16) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return new UUID(buffer.getLong(), buffer.getLong());
        }
        return (UUID) column;
    }
}
