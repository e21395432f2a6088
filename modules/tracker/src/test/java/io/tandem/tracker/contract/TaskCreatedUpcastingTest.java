package io.tandem.tracker.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.event.Upcasters;
import io.tandem.kernel.rejection.InvalidInput;
import io.tandem.tracker.domain.Task;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** TaskCreated changed shape (schema 2 added priority); events stored in schema 1 still read. */
class TaskCreatedUpcastingTest {
    static final UUID TASK = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    static final UUID PROJECT = UUID.fromString("00000000-0000-0000-0000-0000000000bb");

    /** Exactly what the event log holds for a task created before priorities existed. */
    static final String STORED_V1 = "{\"description\":\"as stored in 2026\",\"projectId\":\"" + PROJECT
            + "\",\"status\":\"todo\",\"taskId\":\"" + TASK + "\",\"title\":\"Legacy\"}";

    private static RecordedEvent stored(String payload, int schemaVersion) {
        return new RecordedEvent(UUID.randomUUID(), 7, UUID.randomUUID(), "Task", TASK, 1, "TaskCreated", schemaVersion,
                Instant.EPOCH, UUID.randomUUID(), UUID.randomUUID(), "apikey:x", Set.of(), payload);
    }

    @Test
    void aSchemaOneTaskCreatedReadsAsSchemaTwoWithNormalPriority() {
        Upcasters upcasters = Upcasters.of(new TaskCreatedV1ToV2());

        RecordedEvent current = upcasters.upcast(stored(STORED_V1, 1));

        assertThat(current.schemaVersion()).isEqualTo(2);
        assertThat(current.payloadAs(TaskCreated.class))
                .isEqualTo(new TaskCreated(TASK, PROJECT, "Legacy", "as stored in 2026", "todo", "normal"));
    }

    @Test
    void aCurrentEventPassesThroughUnchanged() {
        Upcasters upcasters = Upcasters.of(new TaskCreatedV1ToV2());
        var created = Task.create(TASK, UUID.randomUUID(), PROJECT, "New", null, "high", Instant.EPOCH).event();
        String json = io.tandem.kernel.event.EventJson.toJson(created);

        RecordedEvent read = upcasters.upcast(stored(json, created.schemaVersion()));

        assertThat(read.schemaVersion()).isEqualTo(2);
        assertThat(read.payloadAs(TaskCreated.class)).isEqualTo(created);
        assertThat(read.payloadAs(TaskCreated.class).priority()).isEqualTo("high");
    }

    @Test
    void theWriteSideRecordsSchemaTwoAndRefusesUnknownPriorities() {
        var created = Task.create(TASK, UUID.randomUUID(), PROJECT, "New", null, null, Instant.EPOCH).event();
        assertThat(created.schemaVersion()).isEqualTo(2);
        assertThat(created.priority()).isEqualTo("normal");
        assertThatThrownBy(() -> Task.create(TASK, UUID.randomUUID(), PROJECT, "New", null, "urgent", Instant.EPOCH))
                .isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).field()).isEqualTo("priority"));
    }
}
