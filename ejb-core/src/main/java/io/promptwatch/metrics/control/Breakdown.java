package io.promptwatch.metrics.control;

import java.util.Arrays;

/**
 * Which records a bucket counts. Every record is counted once in each breakdown, so a question is
 * answered by the few buckets that already hold its totals: a prompt's series reads one bucket per
 * time slot instead of one per version × model × domain.
 */
public enum Breakdown {
    /** One prompt version's records of one model and domain: any combination of filters. */
    DETAIL(0),
    /** Every record of one prompt. */
    PROMPT(1),
    /** One prompt version's records, every model and domain. */
    VERSION(2),
    /** One prompt's records of one model, every version and domain. */
    MODEL(3),
    /** Every prompt's records of one model and domain. */
    ACROSS_PROMPTS(4);

    private final int code;

    Breakdown(int code) {
        this.code = code;
    }

    /** The value of column {@code rollup_bucket.breakdown}. */
    public int code() {
        return code;
    }

    public static Breakdown ofCode(int code) {
        return Arrays.stream(values()).filter(b -> b.code == code).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no breakdown " + code));
    }
}
