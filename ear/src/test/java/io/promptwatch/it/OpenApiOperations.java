package io.promptwatch.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operations the server's own {@code /openapi} document declares, read as a client would read
 * them, so that the tests generated from it (FuzzIT, OpenApiRoleMatrixIT) cover an endpoint from
 * the day it is added. Paths are full, as a client sends them: the path of the document's
 * {@code servers} entry (the WAR's context root, {@code /api}) and the document's path ({@code /v1/...}).
 * Health, metrics and the document itself are served outside the application (public, not in it).
 */
final class OpenApiOperations {

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}:]+)[^}]*}");

    /** A path or query parameter and its schema type ({@code string}, {@code integer}, {@code boolean} ...). */
    record Parameter(String name, String in, String type) {
    }

    /**
     * One operation: its method, its full path template, its parameters and, when it takes a body, the
     * fields of the body's object schema with their types ({@code instant} for a date-time string,
     * {@code array<T>} for an array of T); empty when the schema names none (a raw or JSON-P body).
     */
    record Operation(String method, String template, List<Parameter> parameters, boolean body, Map<String, String> bodyFields) {

        /** "METHOD /api/v1/path/{template}": how tests name the operation. */
        String key() {
            return method + " " + template;
        }

        List<Parameter> in(String where) {
            return parameters.stream().filter(p -> p.in().equals(where)).toList();
        }

        /** The path with each {@code {name}} replaced by {@code values}' answer for it, taken as already encoded. */
        String path(Function<String, String> values) {
            Matcher m = PATH_PARAMETER.matcher(template);
            StringBuilder path = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(path, Matcher.quoteReplacement(values.apply(m.group(1))));
            }
            return m.appendTail(path).toString();
        }

        /** The literal path segment in front of {@code {name}} ("prompts" for {id} in /prompts/{id}): what the value names. */
        String segmentBefore(String name) {
            String[] segments = template.split("/");
            for (int i = 1; i < segments.length; i++) {
                if (segments[i].startsWith("{" + name)) {
                    return segments[i - 1];
                }
            }
            return "";
        }

        String lastLiteralSegment() {
            String[] segments = template.split("/");
            for (int i = segments.length - 1; i >= 0; i--) {
                if (!segments[i].startsWith("{")) {
                    return segments[i];
                }
            }
            return "";
        }
    }

    private OpenApiOperations() {
    }

    /** Every operation of the running server's document, in the document's order. */
    static List<Operation> read() {
        Api.Reply reply = Api.anonymous().get("/openapi");
        if (reply.status() != 200) {
            throw new AssertionError("no OpenAPI document: " + reply);
        }
        JsonObject document = reply.object();
        String base = URI.create(document.getJsonArray("servers").getJsonObject(0).getString("url")).getPath();
        JsonObject schemas = document.containsKey("components") && document.getJsonObject("components").containsKey("schemas")
                ? document.getJsonObject("components").getJsonObject("schemas") : JsonValue.EMPTY_JSON_OBJECT;
        List<Operation> operations = new ArrayList<>();
        document.getJsonObject("paths").forEach((path, item) -> {
            JsonObject pathItem = item.asJsonObject();
            List<Parameter> shared = parameters(pathItem.getJsonArray("parameters"));
            pathItem.forEach((method, operation) -> {
                if (!List.of("get", "put", "post", "delete", "patch", "head", "options", "trace").contains(method)) {
                    return;
                }
                JsonObject op = operation.asJsonObject();
                List<Parameter> parameters = new ArrayList<>(shared);
                parameters.addAll(parameters(op.getJsonArray("parameters")));
                boolean body = op.containsKey("requestBody");
                Map<String, String> fields = body ? fields(op.getJsonObject("requestBody"), schemas) : Map.of();
                operations.add(new Operation(method.toUpperCase(Locale.ROOT), base + path, List.copyOf(parameters), body, fields));
            });
        });
        return operations;
    }

    private static List<Parameter> parameters(JsonArray declared) {
        List<Parameter> parameters = new ArrayList<>();
        if (declared != null) {
            for (JsonValue value : declared) {
                JsonObject p = value.asJsonObject();
                JsonObject schema = p.containsKey("schema") ? p.getJsonObject("schema") : JsonValue.EMPTY_JSON_OBJECT;
                parameters.add(new Parameter(p.getString("name"), p.getString("in"), schema.getString("type", "string")));
            }
        }
        return parameters;
    }

    private static Map<String, String> fields(JsonObject requestBody, JsonObject schemas) {
        JsonObject content = requestBody.getJsonObject("content");
        if (content == null || content.isEmpty()) {
            return Map.of();
        }
        JsonObject media = content.containsKey("application/json") ? content.getJsonObject("application/json")
                : content.values().iterator().next().asJsonObject();
        JsonObject schema = resolve(media.getJsonObject("schema"), schemas);
        Map<String, String> fields = new LinkedHashMap<>();
        if (schema != null && schema.containsKey("properties")) {
            schema.getJsonObject("properties").forEach((name, property) -> fields.put(name, type(property.asJsonObject(), schemas)));
        }
        return fields;
    }

    private static JsonObject resolve(JsonObject schema, JsonObject schemas) {
        if (schema != null && schema.containsKey("$ref")) {
            String ref = schema.getString("$ref");
            return schemas.getJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return schema;
    }

    private static String type(JsonObject property, JsonObject schemas) {
        JsonObject schema = resolve(property, schemas);
        if (schema == null) {
            return "object";
        }
        String type = schema.getString("type", schema.containsKey("properties") ? "object" : "string");
        if (type.equals("array")) {
            return "array<" + (schema.containsKey("items") ? type(schema.getJsonObject("items"), schemas) : "string") + ">";
        }
        if (type.equals("string") && "date-time".equals(schema.getString("format", ""))) {
            return "instant";
        }
        return type;
    }

    /** Percent-encodes every byte of the UTF-8 form but the unreserved characters (RFC 3986). */
    static String encode(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length * 3);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
                out.write(c);
            } else {
                out.writeBytes(String.format("%%%02X", c).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
