package io.promptwatch.statistics.control;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A Holt–Winters forecast: the method ("holt-winters-additive" or "holt-linear"), the smoothing
 * parameters (gamma and period null without a season), the future times, point forecasts with 80 % and
 * 95 % prediction intervals as R's {@code predict.HoltWinters(..., prediction.interval = TRUE)}, and the
 * sum of squared one-step errors of the fit.
 */
public record Forecast(String method, double alpha, Double beta, Double gamma, Integer period, List<Instant> times,
                       double[] mean, double[] lower80, double[] upper80, double[] lower95, double[] upper95,
                       double sse) {

    public Forecast {
        times = List.copyOf(times);
        mean = mean.clone();
        lower80 = lower80.clone();
        upper80 = upper80.clone();
        lower95 = lower95.clone();
        upper95 = upper95.clone();
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] lower80() {
        return lower80.clone();
    }

    @Override
    public double[] upper80() {
        return upper80.clone();
    }

    @Override
    public double[] lower95() {
        return lower95.clone();
    }

    @Override
    public double[] upper95() {
        return upper95.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Forecast f && method.equals(f.method) && Double.compare(alpha, f.alpha) == 0
                && Objects.equals(beta, f.beta) && Objects.equals(gamma, f.gamma)
                && Objects.equals(period, f.period) && times.equals(f.times)
                && Arrays.equals(mean, f.mean) && Arrays.equals(lower80, f.lower80)
                && Arrays.equals(upper80, f.upper80) && Arrays.equals(lower95, f.lower95)
                && Arrays.equals(upper95, f.upper95) && Double.compare(sse, f.sse) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * method.hashCode() + times.hashCode()) + Arrays.hashCode(mean) + Double.hashCode(sse);
    }

    @Override
    public String toString() {
        return "Forecast[method=" + method + ", alpha=" + alpha + ", beta=" + beta + ", gamma=" + gamma + ", period="
                + period + ", times=" + times + ", mean=" + Arrays.toString(mean) + ", lower80="
                + Arrays.toString(lower80) + ", upper80=" + Arrays.toString(upper80) + ", lower95="
                + Arrays.toString(lower95) + ", upper95=" + Arrays.toString(upper95) + ", sse=" + sse + "]";
    }
}
