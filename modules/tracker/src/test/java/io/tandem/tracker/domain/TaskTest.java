package io.tandem.tracker.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tandem.kernel.rejection.InvalidInput;
import io.tandem.kernel.rejection.RuleViolated;
import io.tandem.kernel.rejection.StaleVersion;
import io.tandem.tracker.contract.TaskCreated;
import io.tandem.tracker.contract.TaskMoved;
import io.tandem.tracker.contract.TaskStatus;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Given a task in some status, when it is moved, expect a TaskMoved event or a rejection. */
class TaskTest {
    private static final UUID TASK_ID = UUID.randomUUID();
    private static final UUID TENANT_ID = UUID.randomUUID();
    private static final UUID PROJECT_ID = UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");

    @Test
    void createsTaskInTodoAtVersionOneWithTaskCreated() {
        Task.Created created = Task.create(TASK_ID, TENANT_ID, PROJECT_ID, "Write tests", "all of them", null, NOW);

        assertThat(created.event())
                .isEqualTo(new TaskCreated(TASK_ID, PROJECT_ID, "Write tests", "all of them", "todo", "normal"));
        Task task = created.task();
        assertThat(task.id()).isEqualTo(TASK_ID);
        assertThat(task.tenantId()).isEqualTo(TENANT_ID);
        assertThat(task.projectId()).isEqualTo(PROJECT_ID);
        assertThat(task.status()).isEqualTo(TaskStatus.TODO);
        assertThat(task.version()).isEqualTo(1);
    }

    @Test
    void createsTaskWithoutDescription() {
        Task.Created created = Task.create(TASK_ID, TENANT_ID, PROJECT_ID, "Untitled", null, null, NOW);

        assertThat(created.event().description()).isNull();
        assertThat(created.task().status()).isEqualTo(TaskStatus.TODO);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"todo, in_progress", "in_progress, done", "in_progress, todo", "done, in_progress"})
    void movesAlongLegalTransitionAndBumpsVersion(String from, String to) {
        Task task = taskIn(TaskStatus.fromWire(from).orElseThrow());
        long before = task.version();

        TaskMoved moved = task.move(to, before);

        assertThat(moved).isEqualTo(new TaskMoved(TASK_ID, PROJECT_ID, from, to));
        assertThat(task.status()).isEqualTo(from(to));
        assertThat(task.version()).isEqualTo(before + 1);
    }

    @Test
    void walksTheWholeWorkflowCountingOneVersionPerMove() {
        Task task = newTask();

        task.move("in_progress", 1);
        task.move("done", 2);
        task.move("in_progress", 3);
        TaskMoved last = task.move("todo", 4);

        assertThat(last).isEqualTo(new TaskMoved(TASK_ID, PROJECT_ID, "in_progress", "todo"));
        assertThat(task.status()).isEqualTo(TaskStatus.TODO);
        assertThat(task.version()).isEqualTo(5);
    }

    @ParameterizedTest(name = "expected version {0}")
    @ValueSource(longs = {0, 2, 7, -1, Long.MAX_VALUE})
    void rejectsMoveWhenVersionIsStale(long expectedVersion) {
        Task task = newTask();

        StaleVersion stale = catchThrowableOfType(StaleVersion.class, () -> task.move("in_progress", expectedVersion));

        assertThat(stale).isNotNull();
        assertThat(stale.current()).isEqualTo(1);
        assertThat(stale.field()).isEqualTo("If-Match");
        assertUnchanged(task, TaskStatus.TODO, 1);
    }

    @Test
    void rejectsStaleVersionBeforeLookingAtAnUnknownStatus() {
        Task task = newTask();

        StaleVersion stale = catchThrowableOfType(StaleVersion.class, () -> task.move("archived", 5));

        assertThat(stale).isNotNull();
        assertUnchanged(task, TaskStatus.TODO, 1);
    }

    @Test
    void rejectsStaleVersionBeforeLookingAtAnIllegalTransition() {
        Task task = newTask();

        StaleVersion stale = catchThrowableOfType(StaleVersion.class, () -> task.move("done", 2));

        assertThat(stale).isNotNull();
        assertUnchanged(task, TaskStatus.TODO, 1);
    }

    @ParameterizedTest(name = "status \"{0}\"")
    @ValueSource(strings = {"archived", "", "TODO", "In_Progress", "in progress", " done", "done "})
    void rejectsUnknownStatusAsInvalidInput(String status) {
        Task task = newTask();

        InvalidInput invalid = catchThrowableOfType(InvalidInput.class, () -> task.move(status, 1));

        assertThat(invalid).isNotNull();
        assertThat(invalid.field()).isEqualTo("status");
        assertUnchanged(task, TaskStatus.TODO, 1);
    }

    @Test
    void rejectsMissingStatusAsInvalidInput() {
        Task task = newTask();

        InvalidInput invalid = catchThrowableOfType(InvalidInput.class, () -> task.move(null, 1));

        assertThat(invalid).isNotNull();
        assertThat(invalid.field()).isEqualTo("status");
        assertUnchanged(task, TaskStatus.TODO, 1);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"todo, done", "done, todo", "todo, todo", "in_progress, in_progress", "done, done"})
    void rejectsIllegalTransitionAsRuleViolated(String from, String to) {
        Task task = taskIn(from(from));
        long before = task.version();

        RuleViolated violated = catchThrowableOfType(RuleViolated.class, () -> task.move(to, before));

        assertThat(violated).isNotNull();
        assertThat(violated.field()).isEqualTo("status");
        assertThat(violated.getMessage()).contains(from).contains(to);
        assertUnchanged(task, from(from), before);
    }

    private static TaskStatus from(String wire) {
        return TaskStatus.fromWire(wire).orElseThrow();
    }

    private static Task newTask() {
        return Task.create(TASK_ID, TENANT_ID, PROJECT_ID, "A task", null, null, NOW).task();
    }

    /** A task brought to the given status through legal moves only. */
    private static Task taskIn(TaskStatus status) {
        Task task = newTask();
        switch (status) {
            case TODO -> {}
            case IN_PROGRESS -> task.move("in_progress", task.version());
            case DONE -> {
                task.move("in_progress", task.version());
                task.move("done", task.version());
            }
        }
        assertThat(task.status()).isEqualTo(status);
        return task;
    }

    private static void assertUnchanged(Task task, TaskStatus status, long version) {
        assertThat(task.status()).isEqualTo(status);
        assertThat(task.version()).isEqualTo(version);
    }
}
