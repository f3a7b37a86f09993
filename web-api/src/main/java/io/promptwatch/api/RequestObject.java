package io.promptwatch.api;

import io.promptwatch.api.problem.ProblemMappers;
import io.promptwatch.persistence.StorableTexts;
import io.promptwatch.problem.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

/**
 * A JSON object of a request, read field by field: a value of the wrong type, out of range or
 * missing is refused with a 400 problem naming its full path ({@code selection.promptId},
 * {@code counts[1].n}, {@code body} for the body as a whole). A member that is {@code null} counts
 * as left out.
 *
 * <p>Resources whose requests have several shapes or nested data read them with this rather than
 * bind them with JSON-B and check them with Bean Validation: a JSON-B binding failure (a string
 * where a number belongs, an array where an object does) carries no field path, only message text,
 * and Bean Validation sees the bound object only once binding has succeeded, so exactly the
 * wrong-shape requests would go unnamed; Yasson also reads a number into a {@code String} as its
 * text. Reading from JSON-P keeps the path of every value, never narrows a number silently, and
 * keeps the order of an object's members (the first group of a comparison is its control).
 */
public final class RequestObject {

    /** Parsson's own name for its nesting limit (org.eclipse.parsson.api.JsonConfig.MAX_DEPTH). */
    public static final String PARSSON_MAX_DEPTH = "org.eclipse.parsson.maxDepth";
    private static final Map<Integer, JsonParserFactory> PARSERS = new ConcurrentHashMap<>();

    private final JsonObject json;
    /** Where this object lies in the body: empty for the body itself. */
    private final String path;

    private RequestObject(JsonObject json, String path) {
        this.json = json;
        this.path = path;
    }

    /** A request body that must be one JSON object, nested at most {@code maxDepth} levels deep. */
    public static RequestObject parse(String body, int maxDepth) {
        if (body == null || body.isBlank()) {
            throw ProblemMappers.malformedBody("a JSON object is required");
        }
        JsonValue value;
        JsonParserFactory parsers = PARSERS.computeIfAbsent(maxDepth,
                depth -> Json.createParserFactory(Map.of(PARSSON_MAX_DEPTH, depth)));
        try (JsonParser parser = parsers.createParser(new StringReader(body))) {
            parser.next();
            value = parser.getValue();
            // A reader would stop after the first value and take "{} {}" or "{}x" as "{}".
            if (parser.hasNext()) {
                throw ProblemMappers.malformedBody("the body must be one JSON value; more follows it");
            }
        } catch (JsonException e) {
            throw ProblemMappers.readingFailure(e).orElseThrow();
        } catch (RuntimeException e) {
            // Parsson refuses nesting past its limit with a plain RuntimeException; the body is a
            // string in memory, so nothing else in this parse can be the server's fault.
            throw ProblemMappers.malformedBody("the body is nested deeper than " + maxDepth
                    + " levels (promptwatch.json.max-depth) or cannot be read as JSON");
        }
        if (!(value instanceof JsonObject object)) {
            throw ProblemMappers.malformedBody("the body must be a JSON object; got " + kind(value));
        }
        return new RequestObject(object, "");
    }

    /** The path of member {@code name} of this object, as a refusal names it. */
    public String path(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** A 400 refusal of member {@code name}, to throw. */
    public ProblemException invalid(String name, String detail) {
        return ProblemException.invalid(path(name), detail);
    }

    /** The names of the members, in the order the client sent them. */
    public Set<String> names() {
        return json.keySet();
    }

    /** Whether member {@code name} is given (present and not {@code null}). */
    public boolean has(String name) {
        return value(name) != null;
    }

    /**
     * The one of {@code names} that is given; refused under {@code refusedName} unless exactly one is.
     */
    public String oneOf(String refusedName, String... names) {
        List<String> given = java.util.Arrays.stream(names).filter(this::has).toList();
        if (given.size() != 1) {
            throw invalid(refusedName, "give exactly one of " + String.join(", ", names));
        }
        return given.get(0);
    }

    /** Member {@code name}, or {@code null} when it is not given. */
    public JsonValue value(String name) {
        JsonValue v = json.get(name);
        return v == null || v.getValueType() == JsonValue.ValueType.NULL ? null : v;
    }

    public String string(String name, String fallback) {
        JsonValue v = value(name);
        return v == null ? fallback : string(v, path(name));
    }

    public String requiredString(String name) {
        return string(required(name), path(name));
    }

    /** {@code true} or {@code false}, or {@code fallback} when it is not given (a string "true" is refused). */
    public Boolean bool(String name, Boolean fallback) {
        JsonValue v = value(name);
        if (v == null) {
            return fallback;
        }
        return switch (v.getValueType()) {
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            default -> throw invalid(name, "must be true or false; got " + kind(v));
        };
    }

    /** A finite number. */
    public double number(String name, double fallback) {
        JsonValue v = value(name);
        return v == null ? fallback : number(v, path(name));
    }

    public double requiredNumber(String name) {
        return number(required(name), path(name));
    }

    /** A number strictly between 0 and 1: a significance level, a power, a share. */
    public double probability(String name, double fallback) {
        double p = number(name, fallback);
        if (!(p > 0 && p < 1)) {
            throw invalid(name, name + " must lie strictly between 0 and 1; got " + p);
        }
        return p;
    }

    /** A share of a whole from 0 (included) to 1 (excluded): a held-out part that may be none. */
    public double share(String name, double fallback) {
        double p = number(name, fallback);
        if (!(p >= 0 && p < 1)) {
            throw invalid(name, name + " must lie from 0 (included) to 1 (excluded); got " + p);
        }
        return p;
    }

    /**
     * A whole number from {@code min} to {@code max}: {@code 7} and {@code 7.0} are read, {@code 7.5}
     * and anything beyond the range are refused, never truncated or wrapped.
     */
    public long wholeNumber(String name, long fallback, long min, long max) {
        JsonValue v = value(name);
        return v == null ? fallback : wholeNumber(v, path(name), min, max);
    }

    public long requiredWholeNumber(String name, long min, long max) {
        return wholeNumber(required(name), path(name), min, max);
    }

    /** An ISO-8601 instant, or {@code null} when it is not given. */
    public Instant instant(String name) {
        return has(name) ? requiredInstant(name) : null;
    }

    public Instant requiredInstant(String name) {
        String text = requiredString(name);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(name, "must be an ISO-8601 instant such as 2026-11-25T10:15:30Z; got '" + text + "'");
        }
    }

    public RequestObject object(String name) {
        return object(required(name), path(name));
    }

    /** An array of objects, each read at its own path ({@code counts[0]}, {@code counts[1]}…). */
    public List<RequestObject> objects(String name) {
        JsonArray array = array(name);
        List<RequestObject> objects = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            objects.add(object(array.get(i), element(name, i)));
        }
        return objects;
    }

    /** An array of strings, or {@code fallback} when it is not given. */
    public List<String> strings(String name, List<String> fallback) {
        if (!has(name)) {
            return fallback;
        }
        JsonArray array = array(name);
        List<String> strings = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            strings.add(string(array.get(i), element(name, i)));
        }
        return strings;
    }

    /** An array of finite numbers. */
    public double[] numbers(String name) {
        JsonArray array = array(name);
        double[] numbers = new double[array.size()];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = number(array.get(i), element(name, i));
        }
        return numbers;
    }

    /** The number of elements of array member {@code name}, read before any of them is. */
    public int size(String name) {
        return array(name).size();
    }

    /** The path of element {@code index} of array member {@code name}. */
    public String element(String name, int index) {
        return path(name) + "[" + index + "]";
    }

    private JsonArray array(String name) {
        JsonValue v = required(name);
        if (v.getValueType() != JsonValue.ValueType.ARRAY) {
            throw invalid(name, "must be a JSON array; got " + kind(v));
        }
        return v.asJsonArray();
    }

    private JsonValue required(String name) {
        JsonValue v = value(name);
        if (v == null) {
            throw invalid(name, "is required");
        }
        return v;
    }

    private static RequestObject object(JsonValue v, String at) {
        if (!(v instanceof JsonObject object)) {
            throw ProblemException.invalid(at, "must be a JSON object; got " + kind(v));
        }
        return new RequestObject(object, at);
    }

    /**
     * {@code text} if both databases can store it ({@link StorableTexts}), otherwise refused naming {@code at}.
     * For bodies JSON-B binds to records too (their compact constructors), whose refusal the body's reader
     * passes on as it is.
     */
    public static String storable(String at, String text) {
        return StorableTexts.require(at, text);
    }

    /** {@link #storable(String, String)} for each element, named {@code at[i]}. */
    public static void storable(String at, List<String> texts) {
        if (texts != null) {
            for (int i = 0; i < texts.size(); i++) {
                storable(at + "[" + i + "]", texts.get(i));
            }
        }
    }

    private static String string(JsonValue v, String at) {
        if (!(v instanceof JsonString s)) {
            throw ProblemException.invalid(at, "must be a string; got " + kind(v));
        }
        return storable(at, s.getString());
    }

    private static double number(JsonValue v, String at) {
        if (!(v instanceof JsonNumber n)) {
            throw ProblemException.invalid(at, "must be a number; got " + kind(v));
        }
        double d = n.doubleValue();
        if (Double.isInfinite(d)) {
            throw ProblemException.invalid(at, "must be a number within the range of a double; got " + n);
        }
        return d;
    }

    private static long wholeNumber(JsonValue v, String at, long min, long max) {
        if (!(v instanceof JsonNumber n)) {
            throw ProblemException.invalid(at, "must be a whole number; got " + kind(v));
        }
        BigDecimal d = n.bigDecimalValue();
        // The range first: it also keeps an exponent such as 1e999999999 away from stripTrailingZeros.
        if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw ProblemException.invalid(at, "must be a whole number from " + min + " to " + max + "; got " + n);
        }
        if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
            throw ProblemException.invalid(at, "must be a whole number; got " + n);
        }
        return d.longValue();
    }

    /** What a client sent instead, in a refusal's words. */
    static String kind(JsonValue v) {
        return switch (v.getValueType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TRUE -> "true";
            case FALSE -> "false";
            case NULL -> "null";
        };
    }
}
