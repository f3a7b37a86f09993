package io.promptwatch.reporting.entity;

import java.util.Locale;

/**
 * One recommendation of a daily report: the rule that produced it, what it is about (a version, an
 * error type, a model), the sentence readers see with the figures the rule compared, and the rule's
 * criterion with the thresholds in force (so a reader can check it against the tables).
 */
public record Recommendation(Rule rule, String subject, String text, String criterion) {

    public enum Rule {
        VERSION_BELOW_BASELINE, VERSION_SLOWER_THAN_BASELINE, ERROR_TYPE_DOUBLED, CHEAPER_MODEL;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
