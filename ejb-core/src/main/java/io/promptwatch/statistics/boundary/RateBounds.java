package io.promptwatch.statistics.boundary;

import io.promptwatch.statistics.control.WilsonInterval;

/**
 * How far an observed rate can be trusted: the Wilson score bounds of {@code hits} in {@code n}
 * (R's {@code prop.test(hits, n, correct = FALSE)$conf.int}), for components that act on a rate
 * measured over few records — an alert rule must not page anyone, or roll a version back, because
 * one failure happened among twenty calls.
 */
public final class RateBounds {

    private RateBounds() {
    }

    /** The rate's lower bound at the two-sided confidence level. */
    public static double low(long hits, long n, double confidence) {
        return WilsonInterval.of(hits, n, confidence).low();
    }

    /** The rate's upper bound at the two-sided confidence level. */
    public static double high(long hits, long n, double confidence) {
        return WilsonInterval.of(hits, n, confidence).high();
    }
}
