package io.tandem.it;

import static io.tandem.it.TandemClient.awaitBoard;
import static io.tandem.it.TandemClient.createProject;
import static io.tandem.it.TandemClient.createTask;
import static io.tandem.it.TandemClient.move;
import static io.tandem.it.TandemClient.written;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The board's columns as a client reads them: every status once, in workflow order, with the exact
 * count of its tasks, and at most 200 cards listed, the oldest first.
 */
class BoardColumnsIT {
    private static final int CARDS_PER_COLUMN = 200;

    @Test
    void aColumnListsItsOldestTwoHundredCardsAndCountsThemAll() {
        var tenant = TandemClient.signUp();
        var project = createProject(tenant, "Busy");
        var elsewhere = createProject(tenant, "Elsewhere");
        createTask(tenant, elsewhere.id(), "Not on this board");
        List<TandemClient.Written> tasks = new ArrayList<>();
        for (int i = 0; i < CARDS_PER_COLUMN + 5; i++) {
            tasks.add(createTask(tenant, project.id(), "Task " + i));
        }
        // Three taken from among the oldest, so the todo column's first 200 are not simply the first 200 created.
        written(move(tenant, tasks.get(10).id(), "in_progress", 1), 200);
        written(move(tenant, tasks.get(3).id(), "in_progress", 1), 200);
        written(move(tenant, tasks.get(7).id(), "in_progress", 1), 200);
        written(move(tenant, tasks.get(7).id(), "done", 2), 200);

        JsonPath board = awaitBoard(tenant, project.id(), CARDS_PER_COLUMN + 2, 2, 1);

        assertThat(board.getLong("total")).isEqualTo(CARDS_PER_COLUMN + 5);
        assertThat(board.<String>getList("columns.status")).containsExactly("todo", "in_progress", "done");
        Set<Integer> moved = Set.of(3, 7, 10);
        List<String> oldestTodo = new ArrayList<>();
        for (int i = 0; i < tasks.size() && oldestTodo.size() < CARDS_PER_COLUMN; i++) {
            if (!moved.contains(i)) {
                oldestTodo.add(tasks.get(i).id().toString());
            }
        }
        assertThat(board.<String>getList("columns.find { it.status == 'todo' }.tasks.id")).containsExactlyElementsOf(oldestTodo);
        assertThat(board.<String>getList("columns.find { it.status == 'in_progress' }.tasks.id"))
                .containsExactly(tasks.get(3).id().toString(), tasks.get(10).id().toString());
        List<Map<String, Object>> done = board.getList("columns.find { it.status == 'done' }.tasks");
        assertThat(done).singleElement().satisfies(card -> {
            assertThat(card).containsEntry("id", tasks.get(7).id().toString())
                    .containsEntry("title", "Task 7")
                    .containsEntry("priority", "normal")
                    .containsEntry("version", 3);
        });
    }

    @Test
    void aProjectWithoutTasksHasEveryColumnEmpty() {
        var tenant = TandemClient.signUp();
        var project = createProject(tenant, "Empty");

        JsonPath board = TandemClient.awaitJson(tenant, "/api/projects/{id}/board", b -> true, project.id());

        assertThat(board.getString("name")).isEqualTo("Empty");
        assertThat(board.getLong("total")).isZero();
        assertThat(board.<String>getList("columns.status")).containsExactly("todo", "in_progress", "done");
        assertThat(board.<Integer>getList("columns.count")).containsOnly(0);
        assertThat(board.<List<?>>getList("columns.tasks")).allSatisfy(cards -> assertThat(cards).isEmpty());
    }

    @Test
    void anotherTenantsBoardIsNotFound() {
        var owner = TandemClient.signUp();
        var project = createProject(owner, "Private");
        createTask(owner, project.id(), "Secret");
        awaitBoard(owner, project.id(), 1, 0, 0);

        var stranger = TandemClient.signUp();
        stranger.as().get("/api/projects/{id}/board", project.id())
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("projectId"));
    }
}
