package io.tandem.tracker.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.kernel.event.DomainEvent;
import io.tandem.kernel.event.EventJson;
import io.tandem.kernel.event.RecordedEvent;
import io.tandem.tracker.contract.ProjectCreated;
import io.tandem.tracker.contract.TaskCreated;
import io.tandem.tracker.contract.TaskMoved;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A batch folded into one change per project leaves {@code project_list} exactly as applying its
 * events one by one does (the MERGE of each, as the projection wrote them before batching), from
 * any starting rows; and the changes come in project-id order, which is what keeps concurrent
 * batches from deadlocking.
 */
class ProjectListChangesPropertiesTest {
    private static final UUID TENANT = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final List<String> STATUSES = List.of("todo", "in_progress", "done");

    /** A project_list row as the MERGE statements leave it. */
    record Row(String key, String name, long version, Instant createdAt, long tasks, long done, long position) {}

    /** One generated step: which project, what happens (0 created, 1 task created, 2 task moved), move statuses. */
    record Step(int project, int kind, int from, int to) {}

    /** Where a project starts: 0 no row, 1 a placeholder, 2 a created row. */
    record Start(List<Integer> rows) {}

    @Property(tries = 1000)
    void foldedChangesLeaveTheRowsThatEventByEventMergesLeave(@ForAll("starts") Start start, @ForAll("steps") List<Step> steps) {
        List<UUID> projects = new ArrayList<>();
        Map<UUID, Row> initial = new HashMap<>();
        for (int i = 0; i < start.rows().size(); i++) {
            UUID id = UUID.randomUUID();
            projects.add(id);
            switch (start.rows().get(i)) {
                case 1 -> initial.put(id, new Row("", "", 0, Instant.EPOCH, 3, 1, 10));
                case 2 -> initial.put(id, new Row("P" + i, "Project " + i, 1, Instant.EPOCH, 5, 2, 20));
                default -> { }
            }
        }
        List<RecordedEvent> events = events(projects, initial, steps);

        Map<UUID, Row> oneByOne = new HashMap<>(initial);
        events.forEach(e -> mergeOne(oneByOne, e));
        List<ProjectListChanges.Change> changes = ProjectListChanges.of(events);
        Map<UUID, Row> folded = new HashMap<>(initial);
        changes.forEach(c -> mergeChange(folded, c));

        assertThat(folded).isEqualTo(oneByOne);
        assertThat(changes).isSortedAccordingTo(Comparator.comparing(ProjectListChanges.Change::projectId));
        assertThat(changes.stream().map(ProjectListChanges.Change::projectId).distinct().count()).isEqualTo(changes.size());
    }

    @Provide
    Arbitrary<Start> starts() {
        return Arbitraries.integers().between(0, 2).list().ofMinSize(1).ofMaxSize(5).map(Start::new);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 2))
                .as(Step::new).list().ofMaxSize(40);
    }

    /** The steps as a log: positions and times rising; a project is created at most once, a task moves between statuses. */
    private static List<RecordedEvent> events(List<UUID> projects, Map<UUID, Row> initial, List<Step> steps) {
        Set<UUID> created = new HashSet<>();
        initial.forEach((id, row) -> {
            if (row.version() > 0) {
                created.add(id);
            }
        });
        List<RecordedEvent> events = new ArrayList<>();
        long position = 100;
        for (Step step : steps) {
            UUID project = projects.get(step.project() % projects.size());
            position += 1 + step.from();
            Instant at = Instant.EPOCH.plusSeconds(position);
            switch (step.kind()) {
                case 0 -> {
                    if (created.add(project)) {
                        events.add(event(position, at, "Project", project, "ProjectCreated",
                                new ProjectCreated(project, "K" + position, "Name " + position)));
                    }
                }
                case 1 -> {
                    UUID task = UUID.randomUUID();
                    events.add(event(position, at, "Task", task, "TaskCreated",
                            new TaskCreated(task, project, "t", null, "todo", "normal")));
                }
                default -> {
                    UUID task = UUID.randomUUID();
                    events.add(event(position, at, "Task", task, "TaskMoved",
                            new TaskMoved(task, project, STATUSES.get(step.from()), STATUSES.get(step.to()))));
                }
            }
        }
        return events;
    }

    private static RecordedEvent event(long position, Instant at, String type, UUID aggregate, String eventType, DomainEvent payload) {
        return new RecordedEvent(UUID.randomUUID(), position, TENANT, type, aggregate, 1, eventType, 1, at,
                UUID.randomUUID(), UUID.randomUUID(), "test", Set.of(), EventJson.toJson(payload));
    }

    /** What the projection's per-event MERGE did before batching. */
    private static void mergeOne(Map<UUID, Row> rows, RecordedEvent e) {
        switch (e.eventType()) {
            case "ProjectCreated" -> {
                ProjectCreated c = e.payloadAs(ProjectCreated.class);
                Row t = rows.get(c.projectId());
                rows.put(c.projectId(), t == null
                        ? new Row(c.key(), c.name(), e.aggregateVersion(), e.occurredAt(), 0, 0, e.position())
                        : new Row(c.key(), c.name(), e.aggregateVersion(), e.occurredAt(), t.tasks(), t.done(),
                                Math.max(t.position(), e.position())));
            }
            case "TaskCreated" -> count(rows, e.payloadAs(TaskCreated.class).projectId(), e, 1, 0);
            case "TaskMoved" -> {
                TaskMoved m = e.payloadAs(TaskMoved.class);
                int delta = ("done".equals(m.to()) ? 1 : 0) - ("done".equals(m.from()) ? 1 : 0);
                if (delta != 0) {
                    count(rows, m.projectId(), e, 0, delta);
                }
            }
            default -> { }
        }
    }

    private static void count(Map<UUID, Row> rows, UUID project, RecordedEvent e, long tasks, long done) {
        Row t = rows.get(project);
        rows.put(project, t == null
                ? new Row("", "", 0, e.occurredAt(), tasks, done, e.position())
                : new Row(t.key(), t.name(), t.version(), t.createdAt(), t.tasks() + tasks, t.done() + done,
                        Math.max(t.position(), e.position())));
    }

    /** What the batched MERGE does with one change. */
    private static void mergeChange(Map<UUID, Row> rows, ProjectListChanges.Change c) {
        Row t = rows.get(c.projectId());
        boolean created = c.created() != null;
        if (t == null) {
            rows.put(c.projectId(), new Row(created ? c.created().key() : "", created ? c.created().name() : "", c.version(),
                    c.createdAt(), c.taskDelta(), c.doneDelta(), c.position()));
        } else {
            rows.put(c.projectId(), new Row(created ? c.created().key() : t.key(), created ? c.created().name() : t.name(),
                    created ? c.version() : t.version(), created ? c.createdAt() : t.createdAt(), t.tasks() + c.taskDelta(),
                    t.done() + c.doneDelta(), Math.max(t.position(), c.position())));
        }
    }
}
