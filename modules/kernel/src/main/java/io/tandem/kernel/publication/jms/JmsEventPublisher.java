package io.tandem.kernel.publication.jms;

import io.tandem.kernel.event.EventJson;
import io.tandem.kernel.event.RecordedEvent;
import io.tandem.kernel.fault.Faults;
import io.tandem.kernel.publication.EventPublisher;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.List;

/**
 * Publishes committed events to the {@code tandem-events} topic, one transacted JMS session per
 * batch: the whole batch becomes durable in the broker with one commit (one journal sync) or not at
 * all.
 *
 * <p>Messages are grouped by aggregate id (JMSXGroupID), so a projector with several sessions still
 * sees the events of one aggregate on one consumer, in log order.
 */
@ApplicationScoped
public class JmsEventPublisher implements EventPublisher {
    public static final String TOPIC = "java:/jms/topic/tandem-events";

    // The plain in-VM factory, not java:/JmsXA: publication runs after the command has committed and
    // must not enlist in any JTA transaction.
    @Resource(lookup = "java:/ConnectionFactory")
    ConnectionFactory connectionFactory;

    @Resource(lookup = TOPIC)
    Topic topic;

    private JMSContext context;

    @Override
    public synchronized void publish(List<RecordedEvent> events) throws JMSException {
        JMSContext ctx = context();
        try {
            JMSProducer producer = ctx.createProducer();
            for (RecordedEvent e : events) {
                producer.send(topic, message(ctx, e));
                if (Faults.requested(e.faults(), Faults.PUBLISH_TWICE)) {
                    producer.send(topic, message(ctx, e));
                }
            }
            ctx.commit();
        } catch (RuntimeException | JMSException e) {
            close();
            throw e;
        }
    }

    private static TextMessage message(JMSContext ctx, RecordedEvent e) throws JMSException {
        TextMessage m = ctx.createTextMessage(EventJson.envelope(e));
        m.setStringProperty("JMSXGroupID", e.aggregateId().toString());
        m.setStringProperty("eventType", e.eventType());
        m.setStringProperty("aggregateType", e.aggregateType());
        m.setStringProperty("tenantId", e.tenantId().toString());
        m.setLongProperty("position", e.position());
        return m;
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
