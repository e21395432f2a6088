package io.tandem.tracker.domain;

import io.tandem.tracker.contract.TaskStatus;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The workflow a task follows: work starts before it is done, and done work can be reopened only by
 * taking it back into progress. Moving a task to the status it already has is not a move.
 */
public final class TaskTransitions {
    private static final Map<TaskStatus, Set<TaskStatus>> NEXT = Map.of(
            TaskStatus.TODO, EnumSet.of(TaskStatus.IN_PROGRESS),
            TaskStatus.IN_PROGRESS, EnumSet.of(TaskStatus.TODO, TaskStatus.DONE),
            TaskStatus.DONE, EnumSet.of(TaskStatus.IN_PROGRESS));

    private TaskTransitions() {}

    public static boolean allowed(TaskStatus from, TaskStatus to) {
        return NEXT.get(from).contains(to);
    }
}
