package io.tandem.api.http;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * One shared Jsonb for all responses. Without it RESTEasy builds a new one per request, which cost
 * about 60 % of a JSON GET's CPU on this stack (PLATFORM.md).
 */
@Provider
public class JsonbResolver implements ContextResolver<Jsonb> {
    private static final Jsonb JSONB = JsonbBuilder.create();

    /** The same instance outside JAX-RS, for bodies serialized ahead of time (the query cache). */
    public static Jsonb shared() {
        return JSONB;
    }

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
