package io.promptwatch.api;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * How answers are written: a statistic that is undefined (NaN, as R's NA) or infinite is written
 * as {@code null}, since JSON has no such numbers.
 */
@Provider
public class JsonbSettings implements ContextResolver<Jsonb> {

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withSerializers(new FiniteDoubles()));

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }

    /** Writes a double as a number when finite, as null otherwise. */
    public static class FiniteDoubles implements JsonbSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator generator, SerializationContext context) {
            if (value == null || value.isNaN() || value.isInfinite()) {
                generator.writeNull();
            } else {
                generator.write(value);
            }
        }
    }
}
