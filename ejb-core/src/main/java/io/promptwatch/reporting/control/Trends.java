package io.promptwatch.reporting.control;

import io.promptwatch.reporting.entity.Trend;
import io.promptwatch.reporting.entity.Unit;

/**
 * The trend word of a figure from the day before to the report's day. A day-to-day move inside the
 * tolerance is noise, not news, so it reads "flat":
 * <ul>
 * <li>a rate (success rate, a share) is flat while it moved at most {@code rateTolerance} in absolute
 *     terms (0.005: half a percentage point) — a relative band would call 99.0 % → 98.6 % flat and
 *     2 % → 3 % errors a 50 % jump;</li>
 * <li>any other figure (latency, tokens, cost, counts) is flat while it moved at most
 *     {@code relativeTolerance} of the day before's value (0.05: 5 %); from 0 it is flat only if it
 *     stayed 0.</li>
 * </ul>
 * No trend ({@code null}) when either day lacks the figure. Settings
 * {@code promptwatch.reporting.trend.rate-tolerance} and {@code .relative-tolerance}.
 */
public record Trends(double rateTolerance, double relativeTolerance) {

    public Trends {
        if (!(rateTolerance >= 0) || !(relativeTolerance >= 0)) {
            throw new IllegalArgumentException("trend tolerances must be ≥ 0; got " + rateTolerance + " and " + relativeTolerance);
        }
    }

    public Trend of(Double today, Double before, Unit unit) {
        if (today == null || before == null) {
            return null;
        }
        return within(today, before, unit == Unit.RATE ? rateTolerance : relativeTolerance * Math.abs(before));
    }

    /** Counts (error occurrences) move relatively, as any figure that is not a rate. */
    public Trend ofCounts(long today, long before) {
        return within(today, before, relativeTolerance * before);
    }

    private static Trend within(double today, double before, double band) {
        double change = today - before;
        if (Math.abs(change) <= band) {
            return Trend.FLAT;
        }
        return change > 0 ? Trend.UP : Trend.DOWN;
    }
}
