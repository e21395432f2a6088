package io.tandem.it;

import static io.tandem.it.TandemClient.awaitBoard;
import static io.tandem.it.TandemClient.awaitJson;
import static io.tandem.it.TandemClient.createProject;
import static io.tandem.it.TandemClient.createTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/**
 * A projector whose delivery is stopped (as an operator would, through the management interface)
 * misses nothing: its durable subscription keeps every event published meanwhile.
 */
class StoppedProjectorIT {
    static final String MDB = "/deployment=tandem.ear/subdeployment=tandem-tracker.jar/subsystem=ejb3/message-driven-bean=task-board";

    @Test
    void eventsPublishedWhileAProjectorIsStoppedAreAppliedWhenItResumes() {
        var tenant = TandemClient.signUp();
        var project = createProject(tenant, "Stopped projector");
        var first = createTask(tenant, project.id(), "Before the stop");
        awaitBoard(tenant, project.id(), 1, 0, 0);

        ManagementCli.run(MDB + ":stop-delivery");
        int produced = 25;
        long lastPosition;
        try {
            long position = first.position();
            for (int i = 0; i < produced; i++) {
                position = createTask(tenant, project.id(), "While stopped " + i).position();
            }
            lastPosition = position;
            // The project list keeps flowing; the board's projector holds back everything.
            awaitJson(tenant, "/api/projects/{id}", p -> p.getLong("taskCount") == produced + 1, project.id());
            JsonPath status = awaitJson(tenant, "/api/admin/projections",
                    s -> s.getLong("find { it.name == 'task-board' }.lagEvents") == produced);
            System.out.printf("stopped projector: lag %d events, %d ms%n",
                    status.getLong("find { it.name == 'task-board' }.lagEvents"),
                    status.getLong("find { it.name == 'task-board' }.lagMillis"));
            tenant.as().get("/api/projects/{id}/board", project.id()).then().statusCode(200)
                    .body("total", org.hamcrest.Matchers.equalTo(1));
        } finally {
            ManagementCli.run(MDB + ":start-delivery");
        }

        var board = awaitBoard(tenant, project.id(), produced + 1, 0, 0);
        assertThat(board.getInt("total")).isEqualTo(produced + 1);
        tenant.as().header("Tandem-Min-Position", lastPosition).get("/api/projects/{id}/board", project.id())
                .then().statusCode(200);
    }
}
