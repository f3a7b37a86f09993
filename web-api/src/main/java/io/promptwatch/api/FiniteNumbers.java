package io.promptwatch.api;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.util.Map;

/**
 * The JSON-P provider JSON-B writes answers with: the platform's, except that a {@code double}
 * that is NaN or infinite is written as {@code null}. JSON has no such numbers, and a statistic
 * undefined for the data (R's NA) must reach the client as null, never as a failed answer; a
 * serializer for {@code Double} alone misses the primitive fields of result records.
 */
public final class FiniteNumbers extends JsonProvider {

    private final JsonProvider platform = JsonProvider.provider();

    @Override
    public JsonGenerator createGenerator(Writer writer) {
        return new Generator(platform.createGenerator(writer));
    }

    @Override
    public JsonGenerator createGenerator(OutputStream out) {
        return new Generator(platform.createGenerator(out));
    }

    @Override
    public JsonGeneratorFactory createGeneratorFactory(Map<String, ?> config) {
        JsonGeneratorFactory factory = platform.createGeneratorFactory(config);
        return new JsonGeneratorFactory() {
            @Override
            public JsonGenerator createGenerator(Writer writer) {
                return new Generator(factory.createGenerator(writer));
            }

            @Override
            public JsonGenerator createGenerator(OutputStream out) {
                return new Generator(factory.createGenerator(out));
            }

            @Override
            public JsonGenerator createGenerator(OutputStream out, Charset charset) {
                return new Generator(factory.createGenerator(out, charset));
            }

            @Override
            public Map<String, ?> getConfigInUse() {
                return factory.getConfigInUse();
            }
        };
    }

    @Override
    public JsonParser createParser(Reader reader) {
        return platform.createParser(reader);
    }

    @Override
    public JsonParser createParser(InputStream in) {
        return platform.createParser(in);
    }

    @Override
    public JsonParserFactory createParserFactory(Map<String, ?> config) {
        return platform.createParserFactory(config);
    }

    @Override
    public JsonReader createReader(Reader reader) {
        return platform.createReader(reader);
    }

    @Override
    public JsonReader createReader(InputStream in) {
        return platform.createReader(in);
    }

    @Override
    public JsonWriter createWriter(Writer writer) {
        return platform.createWriter(writer);
    }

    @Override
    public JsonWriter createWriter(OutputStream out) {
        return platform.createWriter(out);
    }

    @Override
    public JsonWriterFactory createWriterFactory(Map<String, ?> config) {
        return platform.createWriterFactory(config);
    }

    @Override
    public JsonReaderFactory createReaderFactory(Map<String, ?> config) {
        return platform.createReaderFactory(config);
    }

    @Override
    public JsonObjectBuilder createObjectBuilder() {
        return platform.createObjectBuilder();
    }

    @Override
    public JsonArrayBuilder createArrayBuilder() {
        return platform.createArrayBuilder();
    }

    @Override
    public JsonBuilderFactory createBuilderFactory(Map<String, ?> config) {
        return platform.createBuilderFactory(config);
    }

    /** Writes through to the platform's generator; non-finite doubles become null. */
    private static final class Generator implements JsonGenerator {

        private final JsonGenerator out;

        Generator(JsonGenerator out) {
            this.out = out;
        }

        @Override
        public JsonGenerator write(String name, double value) {
            if (Double.isFinite(value)) {
                out.write(name, value);
            } else {
                out.writeNull(name);
            }
            return this;
        }

        @Override
        public JsonGenerator write(double value) {
            if (Double.isFinite(value)) {
                out.write(value);
            } else {
                out.writeNull();
            }
            return this;
        }

        @Override
        public JsonGenerator writeStartObject() {
            out.writeStartObject();
            return this;
        }

        @Override
        public JsonGenerator writeStartObject(String name) {
            out.writeStartObject(name);
            return this;
        }

        @Override
        public JsonGenerator writeKey(String name) {
            out.writeKey(name);
            return this;
        }

        @Override
        public JsonGenerator writeStartArray() {
            out.writeStartArray();
            return this;
        }

        @Override
        public JsonGenerator writeStartArray(String name) {
            out.writeStartArray(name);
            return this;
        }

        @Override
        public JsonGenerator write(String name, JsonValue value) {
            out.write(name, value);
            return this;
        }

        @Override
        public JsonGenerator write(String name, String value) {
            out.write(name, value);
            return this;
        }

        @Override
        public JsonGenerator write(String name, BigInteger value) {
            out.write(name, value);
            return this;
        }

        @Override
        public JsonGenerator write(String name, BigDecimal value) {
            out.write(name, value);
            return this;
        }

        @Override
        public JsonGenerator write(String name, int value) {
            out.write(name, value);
            return this;
        }

        @Override
        public JsonGenerator write(String name, long value) {
            out.write(name, value);
            return this;
        }

        @Override
        public JsonGenerator write(String name, boolean value) {
            out.write(name, value);
            return this;
        }

        @Override
        public JsonGenerator writeNull(String name) {
            out.writeNull(name);
            return this;
        }

        @Override
        public JsonGenerator writeEnd() {
            out.writeEnd();
            return this;
        }

        @Override
        public JsonGenerator write(JsonValue value) {
            out.write(value);
            return this;
        }

        @Override
        public JsonGenerator write(String value) {
            out.write(value);
            return this;
        }

        @Override
        public JsonGenerator write(BigDecimal value) {
            out.write(value);
            return this;
        }

        @Override
        public JsonGenerator write(BigInteger value) {
            out.write(value);
            return this;
        }

        @Override
        public JsonGenerator write(int value) {
            out.write(value);
            return this;
        }

        @Override
        public JsonGenerator write(long value) {
            out.write(value);
            return this;
        }

        @Override
        public JsonGenerator write(boolean value) {
            out.write(value);
            return this;
        }

        @Override
        public JsonGenerator writeNull() {
            out.writeNull();
            return this;
        }

        @Override
        public void close() {
            out.close();
        }

        @Override
        public void flush() {
            out.flush();
        }
    }
}
