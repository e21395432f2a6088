package io.tandem.kernel.publication.jms;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.kernel.event.RecordedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class JmsEventPublisherTest {
    static RecordedEvent event(String type, UUID aggregateId, long version) {
        return event(UUID.randomUUID(), type, aggregateId, version, 1);
    }

    static RecordedEvent event(UUID tenant, String type, UUID aggregateId, long version, long position) {
        return new RecordedEvent(UUID.randomUUID(), position, tenant, type, aggregateId, version, "Something", 1,
                Instant.EPOCH, UUID.randomUUID(), UUID.randomUUID(), "member:x", Set.of(), "{}");
    }

    /**
     * A pass over a log of several tenants and aggregates: every message holds events of one
     * group, at most the limit; every event is sent once; an aggregate's events keep their order
     * across the messages.
     */
    @Property(tries = 200)
    void messagesHoldEventsOfOneGroupInLogOrder(
            @ForAll @Size(max = 400) List<@IntRange(min = 0, max = 29) Integer> aggregatesOfEvents) {
        List<UUID> tenants = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        List<UUID> aggregates = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            aggregates.add(UUID.randomUUID());
        }
        Map<UUID, Long> versions = new HashMap<>();
        List<RecordedEvent> log = new ArrayList<>();
        for (int i = 0; i < aggregatesOfEvents.size(); i++) {
            int a = aggregatesOfEvents.get(i);
            UUID id = aggregates.get(a);
            log.add(event(tenants.get(a % 3), a % 2 == 0 ? "Task" : "Project", id, versions.merge(id, 1L, Long::sum), i + 1));
        }
        var messages = JmsEventPublisher.messages(log);
        Map<UUID, Long> seen = new HashMap<>();
        int sent = 0;
        for (List<RecordedEvent> m : messages) {
            assertThat(m).isNotEmpty().hasSizeLessThanOrEqualTo(JmsEventPublisher.EVENTS_PER_MESSAGE);
            assertThat(m).extracting(JmsEventPublisher::group).containsOnly(JmsEventPublisher.group(m.get(0)));
            for (RecordedEvent e : m) {
                assertThat(e.aggregateVersion()).isEqualTo(seen.getOrDefault(e.aggregateId(), 0L) + 1);
                seen.put(e.aggregateId(), e.aggregateVersion());
                sent++;
            }
        }
        assertThat(sent).isEqualTo(log.size());
    }

    /** With a hundred tenants writing at once, one message per tenant would mean one event per message. */
    @Test
    void tenantsShareAMessage() {
        List<RecordedEvent> pass = new ArrayList<>();
        while (pass.size() < 5) {
            // Tasks of five tenants that fall into one partition.
            RecordedEvent e = event(UUID.randomUUID(), "Task", UUID.randomUUID(), 1, pass.size() + 1);
            if (pass.isEmpty() || JmsEventPublisher.group(e).equals(JmsEventPublisher.group(pass.get(0)))) {
                pass.add(e);
            }
        }
        var messages = JmsEventPublisher.messages(pass);
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0)).extracting(RecordedEvent::tenantId).doesNotHaveDuplicates().hasSize(5);
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
