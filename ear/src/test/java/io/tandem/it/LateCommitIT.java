package io.tandem.it;

import static io.tandem.it.TandemClient.awaitBoard;
import static io.tandem.it.TandemClient.createProject;
import static io.tandem.it.TandemClient.createTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A transaction that takes a low event position but commits after higher ones (held open by the
 * test-only slow-commit fault) must still be published and projected: publication reads the
 * outbox, not "positions above the last one sent".
 */
class LateCommitIT {

    @Test
    void anEventCommittedLateAtALowerPositionIsNotSkipped() throws Exception {
        var tenant = TandemClient.signUp();
        var project = createProject(tenant, "Late commit");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Response> slow = pool.submit(() -> tenant.as().header("Tandem-Fault", "slow-commit")
                    .body(Map.of("title", "Late")).post("/api/projects/{id}/tasks", project.id()));
            // Let the slow transaction take its position (it then holds it for 4 s), then commit five
            // later ones around it. The assertion on positions below fails if this margin was short.
            Thread.sleep(1000);
            List<Long> later = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                later.add(createTask(tenant, project.id(), "Quick " + i).position());
            }
            awaitBoard(tenant, project.id(), 5, 0, 0);

            Response late = slow.get();
            late.then().statusCode(201);
            long latePosition = Long.parseLong(late.getHeader("Tandem-Position"));
            System.out.printf("late commit: position %d committed after positions %s%n", latePosition, later);
            assertThat(latePosition).isLessThan(later.get(0));

            var board = awaitBoard(tenant, project.id(), 6, 0, 0);
            assertThat(board.getList("columns.tasks.flatten().title", String.class)).contains("Late");
        } finally {
            pool.shutdownNow();
        }
    }
}
