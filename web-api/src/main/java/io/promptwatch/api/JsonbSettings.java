package io.promptwatch.api;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * How answers are written: a statistic that is undefined (NaN, as R's NA) or infinite is written
 * as {@code null}, since JSON has no such numbers ({@link FiniteNumbers}); the analysis that
 * produced it says why in its {@code warnings}.
 */
@Provider
public class JsonbSettings implements ContextResolver<Jsonb> {

    private static final Jsonb JSONB = JsonbBuilder.newBuilder().withProvider(new FiniteNumbers()).build();

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
