package io.tandem.tracker.contract;

import io.tandem.kernel.event.EventJson;
import io.tandem.kernel.event.Upcaster;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;

/** TaskCreated schema 1 had no priority: every task was what schema 2 calls {@code normal}. */
@ApplicationScoped
public class TaskCreatedV1ToV2 implements Upcaster {
    @Override
    public String eventType() {
        return "TaskCreated";
    }

    @Override
    public int fromVersion() {
        return 1;
    }

    @Override
    public JsonObject upcast(JsonObject v1) {
        return EventJson.JSON.createObjectBuilder(v1).add("priority", TaskPriority.NORMAL.wire()).build();
    }
}
