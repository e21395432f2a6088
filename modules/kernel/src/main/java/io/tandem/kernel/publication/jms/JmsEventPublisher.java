package io.tandem.kernel.publication.jms;

import io.tandem.kernel.event.EventJson;
import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.fault.Faults;
import io.tandem.kernel.projection.ProjectorBacklog;
import io.tandem.kernel.publication.EventPublisher;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes committed events to the {@code tandem-events} topic, one transacted JMS session per
 * batch: the whole batch becomes durable in the broker with one commit (one journal sync) or not at
 * all.
 *
 * <p>A message carries several events: those of one aggregate type and one of {@link #PARTITIONS}
 * partitions of its aggregate ids, in log order, at most {@link #EVENTS_PER_MESSAGE}, of any
 * tenants. The partition is the message group (JMSXGroupID), so a projector with several sessions
 * still sees the events of one aggregate on one consumer, in log order, while other partitions go
 * to other consumers; and a projector applies a message's events in one transaction, so under load
 * its cost per event falls with the batch. Not split by tenant: with a hundred tenants writing at
 * once, a pass's events would otherwise travel one per message, whatever the load. The aggregate
 * type stays a message property, for the projectors' selectors. Each commit is counted on the
 * {@link ProjectorBacklog} the relay paces itself by.
 */
@ApplicationScoped
public class JmsEventPublisher implements EventPublisher {
    public static final String TOPIC = "java:/jms/topic/tandem-events";
    /**
     * Groups per aggregate type: how many sessions of one projector can work on one type at once.
     * Few, because a pass's events are split over them and the relay waits for the slowest of the
     * pass's deliveries (ADR 0009): with 8, a pass of a few events went out as one-event messages.
     */
    static final int PARTITIONS = 2;
    /** Keeps a message well below the broker's large-message threshold (100 kB). */
    static final int EVENTS_PER_MESSAGE = 64;

    // The plain in-VM factory, not java:/JmsXA: publication runs after the command has committed and
    // must not enlist in any JTA transaction.
    @Resource(lookup = "java:/ConnectionFactory")
    ConnectionFactory connectionFactory;

    @Resource(lookup = TOPIC)
    Topic topic;

    @Inject
    ProjectorBacklog backlog;

    private JMSContext context;

    @Override
    public synchronized void publish(List<RecordedEvent> events) throws JMSException {
        JMSContext ctx = context();
        try {
            JMSProducer producer = ctx.createProducer();
            Map<String, Integer> messagesOfType = new HashMap<>();
            for (List<RecordedEvent> batch : messages(events)) {
                send(ctx, producer, group(batch.get(0)), batch);
                messagesOfType.merge(batch.get(0).aggregateType(), 1, Integer::sum);
            }
            // Counted before the commit: a projector may finish a message before commit() returns,
            // and a finish counted before its message would be lost and leave the count too high.
            messagesOfType.forEach(backlog::published);
            try {
                ctx.commit();
            } catch (RuntimeException e) {
                messagesOfType.forEach((type, n) -> backlog.published(type, -n));
                throw e;
            }
        } catch (RuntimeException | JMSException e) {
            close();
            throw e;
        }
    }

    /**
     * The events of one pass, as messages: per group, in log order, at most
     * {@link #EVENTS_PER_MESSAGE} each. An aggregate has one group, so its events are in the same
     * messages, in the same order as in the log.
     */
    static List<List<RecordedEvent>> messages(List<RecordedEvent> events) {
        List<List<RecordedEvent>> messages = new ArrayList<>();
        Map<String, List<RecordedEvent>> open = new LinkedHashMap<>();
        for (RecordedEvent e : events) {
            String key = group(e);
            List<RecordedEvent> batch = open.computeIfAbsent(key, k -> new ArrayList<>());
            batch.add(e);
            if (batch.size() == EVENTS_PER_MESSAGE) {
                messages.add(open.remove(key));
            }
        }
        messages.addAll(open.values());
        return messages;
    }

    static String group(RecordedEvent e) {
        return e.aggregateType() + "-" + Math.floorMod(e.aggregateId().hashCode(), PARTITIONS);
    }

    private void send(JMSContext ctx, JMSProducer producer, String group, List<RecordedEvent> batch) throws JMSException {
        TextMessage m = ctx.createTextMessage(EventJson.envelopes(batch));
        m.setStringProperty("JMSXGroupID", group);
        m.setStringProperty("aggregateType", batch.get(0).aggregateType());
        m.setLongProperty("position", batch.get(batch.size() - 1).position());
        m.setIntProperty("events", batch.size());
        producer.send(topic, m);
        if (batch.stream().anyMatch(e -> Faults.requested(e.faults(), Faults.PUBLISH_TWICE))) {
            producer.send(topic, m);
        }
    }
    private JMSContext context() {
        if (context == null) {
            context = connectionFactory.createContext(JMSContext.SESSION_TRANSACTED);
        }
        return context;
    }

    @PreDestroy
    synchronized void close() {
        if (context != null) {
            try {
                context.close();
            } catch (RuntimeException ignored) {
                // Closing a broken context may fail too; the next publish opens a new one.
            }
            context = null;
        }
    }
}
