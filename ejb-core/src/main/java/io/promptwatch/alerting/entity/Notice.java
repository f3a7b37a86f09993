package io.promptwatch.alerting.entity;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * What one message says, independent of the channel that carries it: the webhook, Slack and e-mail
 * bodies are all renderings of a notice, so every channel tells the same facts. It is a value (not
 * stored); the alert and its notifications are what is kept.
 *
 * @param kind       why the message goes out
 * @param alertId    the alert it is about; null for {@link NoticeKind#TEST}
 * @param severity   {@code warning} or {@code critical}
 * @param ruleName   the rule that fired; null when there is none (a test message)
 * @param promptId   the prompt concerned, or null
 * @param version    the version concerned, or null
 * @param metric     the metric compared ({@code error_rate}, …), or null
 * @param value      the metric's value over the window, or null
 * @param limit      what the value was compared with: the threshold, or the baseline times the factor
 * @param comparison {@code >}, {@code <} or {@code anomaly}, or null
 * @param window     the window length as the rule names it ({@code 5m}), or null
 * @param samples    how many executions the window held (0 when not applicable)
 * @param at         when the notice was made (the evaluation or the operator's action)
 * @param detail     free text, e.g. "rolled back 2.0.0 → 1.0.0", or null
 */
public record Notice(NoticeKind kind, String alertId, String severity, String ruleName, String promptId,
        String version, String metric, Double value, Double limit, String comparison, String window,
        long samples, Instant at, String detail) {

    public static final String WARNING = "warning";
    public static final String CRITICAL = "critical";

    public Notice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        if (!WARNING.equals(severity) && !CRITICAL.equals(severity)) {
            throw new IllegalArgumentException("severity must be warning or critical, not " + severity);
        }
        if (samples < 0) {
            throw new IllegalArgumentException("samples must not be negative: " + samples);
        }
    }

    /** The message {@code POST /channels/{id}/test} sends: no alert, no metric, just the proof that it arrives. */
    public static Notice test(String detail, Instant at) {
        return new Notice(NoticeKind.TEST, null, WARNING, null, null, null, null, null, null, null, null, 0, at, detail);
    }

    /**
     * One line that says it all, used as the Slack fallback text, the webhook's {@code text} and the
     * first line of an e-mail, e.g.
     * {@code [critical] error_rate 0.100 > 0.050 over 5m on summarize 2.0.0 (120 samples)}.
     */
    public String summary() {
        StringBuilder line = new StringBuilder("[").append(severity).append("] ").append(lead());
        String condition = condition();
        if (condition != null) {
            line.append(condition);
        }
        if (window != null) {
            line.append(" over ").append(window);
        }
        String target = target();
        if (target != null) {
            line.append(" on ").append(target);
        }
        if (samples > 0) {
            line.append(" (").append(samples).append(samples == 1 ? " sample)" : " samples)");
        }
        if (detail != null && !detail.isBlank()) {
            line.append(kind == NoticeKind.TEST ? ": " : " — ").append(detail.strip());
        }
        return line.toString().strip();
    }

    /**
     * The comparison that tripped, e.g. {@code error_rate 0.100 > 0.050}, or
     * {@code latency_p95 2450.0 (anomaly, limit 1800.0)}; null when the notice names no metric.
     */
    public String condition() {
        if (metric == null) {
            return null;
        }
        StringBuilder text = new StringBuilder(metric);
        if (value != null) {
            text.append(' ').append(number(value));
        }
        if (limit != null && (">".equals(comparison) || "<".equals(comparison))) {
            text.append(' ').append(comparison).append(' ').append(number(limit));
        } else if (comparison != null) {
            text.append(" (").append(comparison);
            if (limit != null) {
                text.append(", limit ").append(number(limit));
            }
            text.append(')');
        }
        return text.toString();
    }

    /** The prompt and version concerned, e.g. {@code summarize 2.0.0}; null when there is no prompt. */
    public String target() {
        if (promptId == null) {
            return null;
        }
        return version == null ? promptId : promptId + " " + version;
    }

    private String lead() {
        return switch (kind) {
            case FIRING -> "";
            case REPEAT -> "still firing: ";
            case ESCALATION -> "not acknowledged: ";
            case RESOLVED -> "resolved: ";
            case ROLLBACK -> "rolled back: ";
            case MANUAL_INTERVENTION -> "manual intervention required: ";
            case TEST -> "test message from Promptwatch";
        };
    }

    /**
     * Three decimals for rates and scores (0.050 reads as 5 %), one for latencies and costs in the
     * hundreds and above, where more digits are noise.
     */
    public static String number(double x) {
        if (!Double.isFinite(x)) {
            return String.valueOf(x);
        }
        return String.format(Locale.ROOT, Math.abs(x) < 100 ? "%.3f" : "%.1f", x);
    }
}
