package io.tandem.kernel.publication;

import io.tandem.kernel.event.RecordedEvent;
import java.util.List;

/**
 * The port through which committed events leave the process. The relay calls it with events in
 * log order; an implementation either makes the whole batch durable or throws, so the relay never
 * marks an event sent that a consumer cannot receive.
 */
public interface EventPublisher {
    void publish(List<RecordedEvent> events) throws Exception;
}
