package io.tandem.kernel.publication.jms;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.kernel.event.RecordedEvent;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JmsEventPublisherTest {
    static RecordedEvent event(String type, UUID aggregateId, long version) {
        return new RecordedEvent(UUID.randomUUID(), 1, UUID.randomUUID(), type, aggregateId, version, "Something", 1,
                Instant.EPOCH, UUID.randomUUID(), UUID.randomUUID(), "member:x", Set.of(), "{}");
    }

    @Test
    void anAggregatesEventsShareOneGroupWhateverTheirTenantOrVersion() {
        UUID task = UUID.randomUUID();
        assertThat(JmsEventPublisher.group(event("Task", task, 1))).isEqualTo(JmsEventPublisher.group(event("Task", task, 7)));
    }

    @Test
    void groupsSpreadOverThePartitionsOfAType() {
        Set<String> groups = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            groups.add(JmsEventPublisher.group(event("Task", UUID.randomUUID(), 1)));
        }
        assertThat(groups).hasSize(JmsEventPublisher.PARTITIONS).allMatch(g -> g.startsWith("Task-"));
        assertThat(JmsEventPublisher.group(event("Project", UUID.randomUUID(), 1))).startsWith("Project-");
    }
}
