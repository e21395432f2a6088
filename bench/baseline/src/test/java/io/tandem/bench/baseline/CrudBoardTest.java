package io.tandem.bench.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.tracker.contract.BoardView;
import io.tandem.tracker.contract.TaskStatus;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CrudBoardTest {
    static final UUID PROJECT = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    static final UUID T1 = UUID.fromString("00000000-0000-0000-0000-000000000001");
    static final UUID T2 = UUID.fromString("00000000-0000-0000-0000-000000000002");
    static final UUID T3 = UUID.fromString("00000000-0000-0000-0000-000000000003");

    /** One row of the board query, as the database returns it (sorted by status name, then rank). */
    static Object[] row(UUID task, String title, String priority, long version, String status, long statusCount) {
        return new Object[] {PROJECT, "PRJ", "Project", task, title, priority, version, status, statusCount};
    }

    @Test
    void columnsFollowTheWorkflowWithWireStatusesWhateverOrderTheRowsCameIn() {
        List<Object[]> rows = List.of(
                row(T3, "shipped", "low", 3, "DONE", 1),
                row(T1, "first", "normal", 1, "TODO", 2),
                row(T2, "second", "high", 1, "TODO", 2));

        CrudBoard board = CrudBoard.fromRows(rows).orElseThrow();

        assertThat(board.columns()).extracting(CrudBoard.Column::status).containsExactly("todo", "in_progress", "done");
        assertThat(board.columns()).extracting(CrudBoard.Column::count).containsExactly(2L, 0L, 1L);
        assertThat(board.columns().get(0).tasks()).containsExactly(
                new CrudBoard.Card(T1, "first", "normal", 1), new CrudBoard.Card(T2, "second", "high", 1));
        assertThat(board.columns().get(1).tasks()).isEmpty();
        assertThat(board.total()).isEqualTo(3);
        assertThat(board.projectId()).isEqualTo(PROJECT);
        assertThat(board.key()).isEqualTo("PRJ");
    }

    @Test
    void countsComeFromTheWholeStatusEvenWhenTheCardsAreCapped() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < CrudBoard.CARDS_PER_COLUMN; i++) {
            rows.add(row(UUID.randomUUID(), "task " + i, "normal", 1, "TODO", 250));
        }

        CrudBoard board = CrudBoard.fromRows(rows).orElseThrow();

        assertThat(board.columns().get(0).count()).isEqualTo(250);
        assertThat(board.columns().get(0).tasks()).hasSize(CrudBoard.CARDS_PER_COLUMN);
        assertThat(board.total()).isEqualTo(250);
    }

    @Test
    void projectWithoutTasksHasThreeEmptyColumns() {
        // The left join's one row: the project, nulls for the task; H2 and PostgreSQL count 0 there.
        List<Object[]> rows = List.<Object[]>of(new Object[] {PROJECT, "PRJ", "Project", null, null, null, null, null, 0L});

        CrudBoard board = CrudBoard.fromRows(rows).orElseThrow();

        assertThat(board.total()).isZero();
        assertThat(board.columns()).allSatisfy(column -> {
            assertThat(column.count()).isZero();
            assertThat(column.tasks()).isEmpty();
        });
    }

    @Test
    void readsUuidsGivenAsSixteenBytesAsH2Does() {
        UUID id = UUID.randomUUID();
        byte[] bytes = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();

        assertThat(CrudBoard.uuid(bytes)).isEqualTo(id);
        assertThat(CrudBoard.uuid(id)).isSameAs(id);
    }

    @Test
    void noRowMeansNoSuchProjectInTheTenant() {
        assertThat(CrudBoard.fromRows(List.of())).isEmpty();
    }

    @Test
    void statusesAreTheTrackersInItsOrder() {
        assertThat(CrudBoard.STATUSES).containsExactlyElementsOf(Arrays.stream(TaskStatus.values()).map(Enum::name).toList());
    }

    @Test
    void serialisesExactlyLikeTandemsBoardView() throws Exception {
        CrudBoard crud = CrudBoard.fromRows(List.of(
                        row(T1, "first", "normal", 1, "TODO", 1),
                        row(T2, "going", "high", 2, "IN_PROGRESS", 1)))
                .orElseThrow();
        BoardView tandem = new BoardView(PROJECT, "PRJ", "Project", 2, List.of(
                new BoardView.Column("todo", 1, List.of(new BoardView.Card(T1, "first", "normal", 1))),
                new BoardView.Column("in_progress", 1, List.of(new BoardView.Card(T2, "going", "high", 2))),
                new BoardView.Column("done", 0, List.of())));

        try (Jsonb jsonb = JsonbBuilder.create()) {
            assertThat(jsonb.toJson(crud)).isEqualTo(jsonb.toJson(tandem));
        }
    }
}
