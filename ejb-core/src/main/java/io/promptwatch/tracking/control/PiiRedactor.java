package io.promptwatch.tracking.control;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal data in free text (e-mail addresses, credit-card numbers, US social security
 * numbers, phone numbers, IPv4 and IPv6 addresses) with typed placeholders, and the values of
 * metadata keys that look like secrets with {@code [REDACTED]}. Order matters: the narrower
 * patterns run before the broad phone pattern so a card number is not reported as a phone.
 */
public final class PiiRedactor {

    public static final String SECRET_PLACEHOLDER = "[REDACTED]";

    private record Rule(Pattern pattern, String placeholder) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"), "[EMAIL]"),
            new Rule(Pattern.compile("\\b(?:\\d[ -]?){12,18}\\d\\b"), "[CREDIT_CARD]"),
            new Rule(Pattern.compile("\\b\\d{3}-\\d{2}-\\d{4}\\b"), "[SSN]"),
            new Rule(Pattern.compile("\\b(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\b"), "[IP_ADDRESS]"),
            // Bounded by non-word characters so that code such as std::vector is not taken for fe80::1.
            new Rule(Pattern.compile("(?i)(?<![\\w:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![\\w:])"
                    + "|(?<![\\w:])(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,5})?(?![\\w:])"), "[IP_ADDRESS]"),
            new Rule(Pattern.compile("(?<![\\w+])(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{2,4}\\)[ .-]?|\\d{2,4}[ .-])\\d{3,4}[ .-]?\\d{3,4}\\b"), "[PHONE]"));

    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(api[_-]?key|apikey|secret|password|passwd|pwd|credential|authorization|private[_-]?key|access[_-]?key).*");
    /** "token", "access_token", "x-auth-token", "sessionToken" are secrets; "max_tokens" and "tokenizer" are not. */
    private static final Pattern TOKEN_KEY = Pattern.compile("(?:.*[_.-])?token|.*[a-z0-9]Token");

    private PiiRedactor() {
    }

    public static String redactText(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (Rule rule : RULES) {
            result = rule.pattern().matcher(result).replaceAll(Matcher.quoteReplacement(rule.placeholder()));
        }
        return result;
    }

    public static boolean isSecretKey(String key) {
        return SECRET_KEY.matcher(key).matches() || TOKEN_KEY.matcher(key).matches()
                || key.toLowerCase(Locale.ROOT).equals("token");
    }

    /** Secret-looking keys (at any depth) get {@code [REDACTED]}; other string values are redacted as text. */
    public static JsonObject redactMetadata(JsonObject metadata) {
        JsonObjectBuilder out = Json.createObjectBuilder();
        metadata.forEach((key, value) -> out.add(key, isSecretKey(key) ? Json.createValue(SECRET_PLACEHOLDER) : redactValue(value)));
        return out.build();
    }

    private static JsonValue redactValue(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> redactMetadata(value.asJsonObject());
            case ARRAY -> {
                JsonArrayBuilder array = Json.createArrayBuilder();
                for (JsonValue item : (JsonArray) value) {
                    array.add(redactValue(item));
                }
                yield array.build();
            }
            case STRING -> Json.createValue(redactText(((JsonString) value).getString()));
            default -> value;
        };
    }
}
