package io.tandem.bench.baseline;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * One Jsonb for the WAR, as Tandem's API has: RESTEasy otherwise builds one per request (about 60 %
 * of a JSON GET's CPU, PLATFORM.md), and B3 would then measure that instead of its data path.
 */
@Provider
public class SharedJsonb implements ContextResolver<Jsonb> {
    private static final Jsonb JSONB = JsonbBuilder.create();

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
