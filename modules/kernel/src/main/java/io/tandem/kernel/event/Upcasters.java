package io.tandem.kernel.event;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;

/** The chain of every context's upcasters: brings a recorded event to its current schema version. */
@ApplicationScoped
public class Upcasters {
    @Inject
    @Any
    Instance<Upcaster> discovered;

    private final Map<String, Upcaster> chain = new HashMap<>();

    @PostConstruct
    void index() {
        discovered.forEach(this::register);
    }

    /** A chain of the given upcasters, outside a container (tools and tests). */
    public static Upcasters of(Upcaster... upcasters) {
        Upcasters chain = new Upcasters();
        for (Upcaster u : upcasters) {
            chain.register(u);
        }
        return chain;
    }

    void register(Upcaster u) {
        if (chain.put(u.eventType() + "@" + u.fromVersion(), u) != null) {
            throw new IllegalStateException("two upcasters for " + u.eventType() + " version " + u.fromVersion());
        }
    }

    public RecordedEvent upcast(RecordedEvent e) {
        Upcaster next = chain.get(e.eventType() + "@" + e.schemaVersion());
        if (next == null) {
            return e;
        }
        JsonObject payload;
        try (var reader = EventJson.JSON.createReader(new StringReader(e.payload()))) {
            payload = reader.readObject();
        }
        int version = e.schemaVersion();
        while (next != null) {
            payload = next.upcast(payload);
            version++;
            next = chain.get(e.eventType() + "@" + version);
        }
        return new RecordedEvent(e.eventId(), e.position(), e.tenantId(), e.aggregateType(), e.aggregateId(),
                e.aggregateVersion(), e.eventType(), version, e.occurredAt(), e.commandId(), e.correlationId(), e.actor(),
                e.faults(), payload.toString());
    }
}
