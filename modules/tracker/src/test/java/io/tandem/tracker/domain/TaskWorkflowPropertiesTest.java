package io.tandem.tracker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.kernel.rejection.InvalidInput;
import io.tandem.kernel.rejection.Rejection;
import io.tandem.kernel.rejection.RuleViolated;
import io.tandem.kernel.rejection.StaleVersion;
import io.tandem.tracker.contract.TaskMoved;
import io.tandem.tracker.contract.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Whatever a client sends, in whatever order, a task follows its workflow. The legal moves are
 * spelled out here independently of {@link TaskTransitions}, so a change to either shows up.
 */
class TaskWorkflowPropertiesTest {
    private static final Map<TaskStatus, Set<TaskStatus>> WORKFLOW = Map.of(
            TaskStatus.TODO, Set.of(TaskStatus.IN_PROGRESS),
            TaskStatus.IN_PROGRESS, Set.of(TaskStatus.TODO, TaskStatus.DONE),
            TaskStatus.DONE, Set.of(TaskStatus.IN_PROGRESS));

    /** One move request: the status as sent, and how far its If-Match is off the current version (0 = current). */
    record Request(String status, int versionOffset) {}

    @Property(tries = 500)
    void versionCountsAcceptedMovesAndEveryMoveFollowsTheWorkflow(@ForAll("requestSequences") List<Request> requests) {
        Task task = Task.create(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "t", null, null, Instant.EPOCH).task();
        int accepted = 0;

        for (Request request : requests) {
            TaskStatus before = task.status();
            long versionBefore = task.version();
            Optional<TaskStatus> target = TaskStatus.fromWire(request.status());
            boolean shouldAccept = request.versionOffset() == 0
                    && target.isPresent()
                    && WORKFLOW.get(before).contains(target.get());
            try {
                TaskMoved moved = task.move(request.status(), versionBefore + request.versionOffset());

                assertThat(shouldAccept).as("accepted %s from %s", request, before).isTrue();
                assertThat(moved.taskId()).isEqualTo(task.id());
                assertThat(moved.from()).isEqualTo(before.wire());
                assertThat(moved.to()).isEqualTo(target.orElseThrow().wire());
                assertThat(TaskTransitions.allowed(before, task.status())).isTrue();
                assertThat(before == TaskStatus.TODO && task.status() == TaskStatus.DONE)
                        .as("todo -> done directly").isFalse();
                assertThat(task.status()).isEqualTo(target.get());
                assertThat(task.version()).isEqualTo(versionBefore + 1);
                accepted++;
            } catch (Rejection rejection) {
                assertThat(shouldAccept).as("rejected %s from %s: %s", request, before, rejection).isFalse();
                assertThat(rejection).isInstanceOf(expectedRejection(request, target));
                assertThat(task.status()).isEqualTo(before);
                assertThat(task.version()).isEqualTo(versionBefore);
            }
            assertThat(task.version()).isEqualTo(1L + accepted);
        }
        assertThat(task.version()).isEqualTo(1L + accepted);
    }

    @Property(tries = 200)
    void transitionTableAgreesWithTheWorkflow(@ForAll TaskStatus from, @ForAll TaskStatus to) {
        assertThat(TaskTransitions.allowed(from, to)).isEqualTo(WORKFLOW.get(from).contains(to));
    }

    /** Stale version first, then unknown status, then the workflow rule. */
    private static Class<? extends Rejection> expectedRejection(Request request, Optional<TaskStatus> target) {
        if (request.versionOffset() != 0) {
            return StaleVersion.class;
        }
        if (target.isEmpty()) {
            return InvalidInput.class;
        }
        return RuleViolated.class;
    }

    @Provide
    Arbitrary<List<Request>> requestSequences() {
        return requests().list().ofMaxSize(40);
    }

    private static Arbitrary<Request> requests() {
        Arbitrary<String> status = Arbitraries.frequencyOf(
                        Tuple.of(6, Arbitraries.of("todo", "in_progress", "done")),
                        Tuple.of(1, Arbitraries.of("TODO", "Done", " done", "in-progress", "", "null")),
                        Tuple.of(1, Arbitraries.strings().ofMaxLength(12)))
                .injectNull(0.02);
        Arbitrary<Integer> versionOffset = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.integers().between(-3, 3).filter(i -> i != 0)));
        return Combinators.combine(status, versionOffset).as(Request::new);
    }
}
