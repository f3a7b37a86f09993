package io.promptwatch.reporting.control;

import io.promptwatch.reporting.entity.Unit;
import java.util.Locale;

/**
 * How every rendering writes a figure, so the Markdown, the HTML and a recommendation's sentence
 * show a number the same way (the JSON carries the unrounded value): rates in per cent with two
 * decimals and their differences in percentage points, milliseconds and tokens with one decimal,
 * cost with six (per-execution costs are fractions of a cent), the satisfaction on its 1–5 scale, a
 * quality (0–1) with three. An undefined figure reads {@value #UNDEFINED}. Always the ROOT locale: a
 * decimal comma would make the renderings disagree with the JSON.
 */
public final class Figures {

    public static final String UNDEFINED = "n/a";

    private Figures() {
    }

    public static String value(Double v, Unit unit) {
        if (v == null) {
            return UNDEFINED;
        }
        return switch (unit) {
            case RATE -> format("%.2f%%", v * 100);
            case MS -> format("%.1f ms", v);
            case TOKENS -> format("%.1f", v);
            case COST -> format("%.6f", v);
        };
    }

    /** A signed difference: {@code +1.25 pp}, {@code -12.0 ms}, {@code +0.5}. */
    public static String difference(Double d, Unit unit) {
        if (d == null) {
            return UNDEFINED;
        }
        return switch (unit) {
            case RATE -> signed("%+.2f", d * 100) + " pp";
            case MS -> signed("%+.1f", d) + " ms";
            case TOKENS -> signed("%+.1f", d);
            case COST -> signed("%+.6f", d);
        };
    }

    public static String rate(Double v) {
        return value(v, Unit.RATE);
    }

    public static String ms(Double v) {
        return value(v, Unit.MS);
    }

    public static String cost(Double v) {
        return value(v, Unit.COST);
    }

    public static String count(long n) {
        return Long.toString(n);
    }

    /** An average user feedback on the 1–5 scale: {@code 4.20/5}. */
    public static String satisfaction(Double v) {
        return v == null ? UNDEFINED : format("%.2f/5", v);
    }

    /** A quality score or its difference (0–1 scale): {@code 0.812}, signed for a delta. */
    public static String quality(Double v) {
        return v == null ? UNDEFINED : format("%.3f", v);
    }

    public static String qualityDelta(Double v) {
        return v == null ? UNDEFINED : signed("%+.3f", v);
    }

    /** A figure of no fixed unit (an alert's observed value and limit): six significant digits. */
    public static String number(Double v) {
        if (v == null) {
            return UNDEFINED;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    public static String yesNo(Boolean b) {
        return b == null ? UNDEFINED : b ? "yes" : "no";
    }

    /** An enum constant as the reports write it: {@code well_calibrated}. */
    public static String word(Enum<?> e) {
        return e == null ? UNDEFINED : e.name().toLowerCase(Locale.ROOT);
    }

    private static String format(String pattern, double v) {
        String text = String.format(Locale.ROOT, pattern, v);
        // -0.00 after rounding a tiny negative reads as a move that is not there.
        return text.startsWith("-") && text.chars().noneMatch(c -> c >= '1' && c <= '9') ? text.substring(1) : text;
    }

    private static String signed(String pattern, double v) {
        String text = String.format(Locale.ROOT, pattern, v);
        return text.startsWith("-") && text.chars().noneMatch(c -> c >= '1' && c <= '9') ? "+" + text.substring(1) : text;
    }
}
