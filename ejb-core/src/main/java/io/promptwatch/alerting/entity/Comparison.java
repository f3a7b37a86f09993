package io.promptwatch.alerting.entity;

import java.util.Arrays;
import java.util.Optional;

/** How a rule judges a value: above or below a limit, or outside the version's usual range for the hour. */
public enum Comparison {
    ABOVE(">"), BELOW("<"), ANOMALY("anomaly");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Whether {@code value} breaks {@code limit}; only for {@link #ABOVE} and {@link #BELOW}. */
    public boolean breaks(double value, double limit) {
        return this == ABOVE ? value > limit : value < limit;
    }

    public static Optional<Comparison> parse(String symbol) {
        return Arrays.stream(values()).filter(c -> c.symbol.equals(symbol)).findFirst();
    }
}
