package io.promptwatch.reporting.entity;

/** How a report figure reads: a rate is a fraction of 1 in the data and a percentage on the page. */
public enum Unit {
    /** A fraction 0..1; shown in per cent, its differences in percentage points. */
    RATE,
    /** Milliseconds. */
    MS,
    /** Tokens per execution. */
    TOKENS,
    /** Cost in the currency the records carry (the API does not name one). */
    COST
}
