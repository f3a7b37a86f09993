package io.promptwatch.statistics.control;

import java.util.Arrays;

/**
 * Means by UTC hour of day (24, hour 0 first) and by day of week (7, Monday first), NaN where there is
 * no data, and the one-way ANOVA F-tests of each factor (R's {@code anova(lm(value ~ factor(hour)))});
 * F and p are NaN when fewer than two levels are present or no residual degrees of freedom remain.
 */
public record Seasonality(double[] hourOfDayMeans, double[] dayOfWeekMeans, double hourF, double hourPValue,
                          double dayF, double dayPValue) {

    public Seasonality {
        hourOfDayMeans = hourOfDayMeans.clone();
        dayOfWeekMeans = dayOfWeekMeans.clone();
    }

    @Override
    public double[] hourOfDayMeans() {
        return hourOfDayMeans.clone();
    }

    @Override
    public double[] dayOfWeekMeans() {
        return dayOfWeekMeans.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Seasonality s && Arrays.equals(hourOfDayMeans, s.hourOfDayMeans)
                && Arrays.equals(dayOfWeekMeans, s.dayOfWeekMeans) && Double.compare(hourF, s.hourF) == 0
                && Double.compare(hourPValue, s.hourPValue) == 0 && Double.compare(dayF, s.dayF) == 0
                && Double.compare(dayPValue, s.dayPValue) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(hourOfDayMeans) + Arrays.hashCode(dayOfWeekMeans))
                + Double.hashCode(hourF) + 7 * Double.hashCode(dayF);
    }

    @Override
    public String toString() {
        return "Seasonality[hourOfDayMeans=" + Arrays.toString(hourOfDayMeans) + ", dayOfWeekMeans="
                + Arrays.toString(dayOfWeekMeans) + ", hourF=" + hourF + ", hourPValue=" + hourPValue + ", dayF="
                + dayF + ", dayPValue=" + dayPValue + "]";
    }
}
