package io.tandem.bench.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CrudTaskTest {
    static final UUID TENANT = UUID.randomUUID();
    static final UUID PROJECT = UUID.randomUUID();
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    static CrudTask create(String title, String description, String priority) {
        return CrudTask.create(TENANT, PROJECT, new CrudTaskRequest(title, description, priority), NOW);
    }

    @Test
    void startsInTodoAtVersionOneWithNormalPriorityByDefault() {
        CrudTask task = create("Write the baseline", null, null);

        assertThat(task.id()).isNotNull();
        assertThat(task.status()).isEqualTo("TODO");
        assertThat(task.version()).isEqualTo(1);
        assertThat(task.priority()).isEqualTo("normal");
    }

    @Test
    void keepsAKnownPriority() {
        assertThat(create("Urgent", "now", "high").priority()).isEqualTo("high");
    }

    @Test
    void refusesAMissingBodyABlankOrLongTitleALongDescriptionAndAnUnknownPriority() {
        assertThatThrownBy(() -> CrudTask.create(TENANT, PROJECT, null, NOW)).isInstanceOf(CrudTask.Invalid.class);
        assertThatThrownBy(() -> create(null, null, null)).isInstanceOf(CrudTask.Invalid.class);
        assertThatThrownBy(() -> create("  ", null, null)).isInstanceOf(CrudTask.Invalid.class);
        assertThatThrownBy(() -> create("x".repeat(CrudTask.TITLE_MAX + 1), null, null)).isInstanceOf(CrudTask.Invalid.class);
        assertThatThrownBy(() -> create("ok", "x".repeat(CrudTask.DESCRIPTION_MAX + 1), null))
                .isInstanceOf(CrudTask.Invalid.class);
        assertThatThrownBy(() -> create("ok", null, "urgent"))
                .isInstanceOf(CrudTask.Invalid.class)
                .hasMessageContaining("low, normal, high");
    }

    @Test
    void titleOfExactlyTheLimitIsAccepted() {
        assertThat(create("x".repeat(CrudTask.TITLE_MAX), null, null).id()).isNotNull();
    }
}
