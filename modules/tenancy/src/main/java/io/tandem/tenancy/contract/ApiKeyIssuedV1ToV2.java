package io.tandem.tenancy.contract;

import io.tandem.kernel.event.EventJson;
import io.tandem.kernel.event.Upcaster;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;

/** ApiKeyIssued schema 1 was only ever the sign-up key: no name, no expiry. */
@ApplicationScoped
public class ApiKeyIssuedV1ToV2 implements Upcaster {
    @Override
    public String eventType() {
        return "ApiKeyIssued";
    }

    @Override
    public int fromVersion() {
        return 1;
    }

    @Override
    public JsonObject upcast(JsonObject v1) {
        return EventJson.JSON.createObjectBuilder(v1).add("name", "sign-up").build();
    }
}
