package io.tandem.it;

import static io.tandem.it.TandemClient.awaitJson;
import static io.tandem.it.TandemClient.createProject;
import static io.tandem.it.TandemClient.createTask;
import static io.tandem.it.TandemClient.move;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Optimistic concurrency over HTTP: of many moves sent with the same If-Match, exactly one wins. */
class ConcurrentMoveIT {

    @Test
    void ofFiftyConcurrentMovesWithTheSameIfMatchExactlyOneSucceeds() throws Exception {
        var tenant = TandemClient.signUp();
        var project = createProject(tenant, "Race");
        var task = createTask(tenant, project.id(), "Contended");

        int clients = 50;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return move(tenant, task.id(), "in_progress", 1).statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
            Map<Integer, Long> byStatus = statuses.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            System.out.printf("concurrent moves with one If-Match: %s%n", byStatus);
            assertThat(byStatus).containsEntry(200, 1L).containsEntry(412, 49L).hasSize(2);
        } finally {
            pool.shutdownNow();
        }
        assertThat(TandemClient.events(tenant, "TaskMoved")).hasSize(1);
        awaitJson(tenant, "/api/tasks/{id}", t -> t.getLong("version") == 2, task.id());
    }
}
