package io.promptwatch.statistics.control;

import io.promptwatch.statistics.entity.SeriesPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.apache.commons.math3.stat.StatUtils;

/**
 * Where a metric goes next (SPEC §5): a short forecast with 80 % and 95 % prediction intervals from
 * R's additive Holt–Winters filter ({@code C_HoltWinters} in package stats) with R's start values: for
 * Holt's linear trend level x₂ and trend x₂ − x₁, filtering from the third point; for the seasonal
 * model the classical decomposition of the first two periods (centred moving average), the level and
 * trend from a line through its trend component and the seasonal figure centred on 0, filtering from
 * the first point of the second period. Every figure with given parameters is the one R 4.2.2 gives
 * ({@code HoltWinters}, {@code predict.HoltWinters}); the reference values are in the tests.
 */
public final class HoltWinters {


    static final String ADDITIVE_SEASONAL = "holt-winters-additive";
    static final String LINEAR_TREND = "holt-linear";
    /** Holt's method needs two points to start and two one-step errors for the residual variance. */
    static final int MIN_HOLT_POINTS = 4;

    private static final double LEVEL_80 = 0.80;
    private static final double LEVEL_95 = 0.95;
    private static final double[] R_START = {0.3, 0.1, 0.1};
    private static final int GRID_STEPS = 10;
    private static final int REFINED_GRID_POINTS = 4;
    private static final double INITIAL_RADIUS = 0.1;
    private static final double STOPPING_RADIUS = 1e-10;
    private static final int MAX_EVALUATIONS = 20_000;

    private final double[] x;
    /** 0 without a season. */
    private final int period;
    private final int start;
    private final double levelStart;
    private final double trendStart;
    private final double[] seasonStart;

    private HoltWinters(double[] x, int period, int start, double levelStart, double trendStart,
                        double[] seasonStart) {
        this.x = x;
        this.period = period;
        this.start = start;
        this.levelStart = levelStart;
        this.trendStart = trendStart;
        this.seasonStart = seasonStart;
    }

    /**
     * A Holt–Winters forecast horizon steps ahead with the smoothing parameters that minimise the sum
     * of squared one-step errors within [0, 1]. With a period and at least two full periods the model is
     * additive seasonal (R's {@code HoltWinters(ts(x, frequency = period))}), otherwise Holt's linear
     * trend (R's {@code HoltWinters(x, gamma = FALSE)}). Start values and intervals are R's; see
     * {@link #forecast(List, int, Integer, double, double, double)}.
     *
     * <p>R minimises with {@code optim(method = "L-BFGS-B")} from (0.3, 0.1, 0.1), which stops at a local
     * optimum or early on flat ground; this searches a grid of the unit cube and refines the best
     * candidates and R's start with BOBYQA (bounded, derivative-free), so its SSE is at most R's and
     * often lower, and its parameters may then differ from R's.
     *
     * @param points  regularly spaced points, strictly increasing in time (the spacing is not checked;
     *                future times continue the spacing of the last two points)
     * @param period  the number of points in one season, at least 2; null for no season
     * @throws IllegalArgumentException for horizon &lt; 1, a period below 2, fewer than 4 points,
     *                                  non-finite values, or times not strictly increasing
     */
    public static Forecast forecast(List<SeriesPoint> points, int horizon, Integer period) {
        HoltWinters model = of(points, horizon, period);
        double[] best = model.minimiseSse();
        return model.predict(points, horizon, best[0], best[1], best[2]);
    }

    /**
     * The forecast with fixed smoothing parameters, as R's
     * {@code predict(HoltWinters(x, alpha, beta, gamma), horizon, prediction.interval = TRUE, level)} at
     * levels 0.8 and 0.95. Gamma is used only when the model is seasonal (a period and at least two full
     * periods); otherwise it is ignored and R's {@code gamma = FALSE} applies.
     *
     * @throws IllegalArgumentException as {@link #forecast(List, int, Integer)}, and for alpha not in
     *                                  (0, 1] or beta or gamma not in [0, 1]
     */
    static Forecast forecast(List<SeriesPoint> points, int horizon, Integer period, double alpha, double beta,
                             double gamma) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1], was " + alpha);
        }
        if (!(beta >= 0 && beta <= 1)) {
            throw new IllegalArgumentException("beta must be in [0, 1], was " + beta);
        }
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new IllegalArgumentException("gamma must be in [0, 1], was " + gamma);
        }
        return of(points, horizon, period).predict(points, horizon, alpha, beta, gamma);
    }

    private static HoltWinters of(List<SeriesPoint> points, int horizon, Integer period) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be at least 1, was " + horizon);
        }
        if (period != null && period < 2) {
            throw new IllegalArgumentException("period must be at least 2 points, was " + period);
        }
        Series.require(points, MIN_HOLT_POINTS, "a forecast (Holt's linear trend)", true);
        double[] x = Series.values(points);
        if (period == null || x.length < 2 * period) {
            return new HoltWinters(x, 0, 2, x[1], x[1] - x[0], null);
        }
        return seasonal(x, period);
    }

    /** R's {@code decompose} of the first two periods, then a line through its trend component. */
    private static HoltWinters seasonal(double[] x, int f) {
        int window = 2 * f;
        double[] filter = f % 2 == 0 ? new double[f + 1] : new double[f];
        Arrays.fill(filter, 1.0 / f);
        if (f % 2 == 0) {
            filter[0] = 0.5 / f;
            filter[f] = 0.5 / f;
        }
        int shift = filter.length / 2;
        double[] trend = new double[window];
        for (int i = 0; i < window; i++) {
            if (i + shift - (filter.length - 1) < 0 || i + shift >= window) {
                trend[i] = Double.NaN;
                continue;
            }
            double z = 0;
            for (int j = 0; j < filter.length; j++) {
                z += filter[j] * x[i + shift - j];
            }
            trend[i] = z;
        }
        double[] figure = new double[f];
        for (int i = 0; i < f; i++) {
            double sum = 0;
            int count = 0;
            for (int k = i; k < window; k += f) {
                if (!Double.isNaN(trend[k])) {
                    sum += x[k] - trend[k];
                    count++;
                }
            }
            figure[i] = sum / count;
        }
        double figureMean = StatUtils.mean(figure);
        for (int i = 0; i < f; i++) {
            figure[i] -= figureMean;
        }
        double[] dat = Arrays.stream(trend).filter(v -> !Double.isNaN(v)).toArray();
        double[] index = new double[dat.length];
        for (int i = 0; i < dat.length; i++) {
            index[i] = i + 1;
        }
        double meanIndex = StatUtils.mean(index);
        double meanDat = StatUtils.mean(dat);
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < dat.length; i++) {
            sxx += (index[i] - meanIndex) * (index[i] - meanIndex);
            sxy += (index[i] - meanIndex) * (dat[i] - meanDat);
        }
        double slope = sxy / sxx;
        return new HoltWinters(x, f, f, meanDat - slope * meanIndex, slope, figure);
    }

    private boolean seasonal() {
        return period > 0;
    }

    /** The filter's end state: final level, trend and season (coefficient order), one-step errors. */
    private record Run(double level, double trend, double[] season, double[] residuals, double sse) {
    }

    private Run run(double alpha, double beta, double gamma, boolean keepResiduals) {
        int steps = x.length - start;
        double level = levelStart;
        double trend = trendStart;
        double[] season = seasonal() ? seasonStart.clone() : null;
        double[] residuals = keepResiduals ? new double[steps] : null;
        double sse = 0;
        for (int i = start; i < x.length; i++) {
            int k = i - start;
            double s = seasonal() ? season[k % period] : 0;
            double xhat = level + trend;
            xhat += s;
            double residual = x[i] - xhat;
            sse += residual * residual;
            if (keepResiduals) {
                residuals[k] = residual;
            }
            double newLevel = alpha * (x[i] - s) + (1 - alpha) * (level + trend);
            trend = beta * (newLevel - level) + (1 - beta) * trend;
            level = newLevel;
            if (seasonal()) {
                season[k % period] = gamma * (x[i] - level) + (1 - gamma) * s;
            }
        }
        double[] coefficients = null;
        if (seasonal()) {
            coefficients = new double[period];
            for (int j = 0; j < period; j++) {
                coefficients[j] = season[(steps + j) % period];
            }
        }
        return new Run(level, trend, coefficients, residuals, sse);
    }

    private double sse(double[] p) {
        return run(clamp(p[0]), clamp(p[1]), seasonal() ? clamp(p[2]) : 0, false).sse();
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    /** Alpha, beta and gamma (0 without a season) with the least SSE found. */
    private double[] minimiseSse() {
        int dim = seasonal() ? 3 : 2;
        double[] best = Arrays.copyOf(R_START, dim);
        double bestSse = sse(best);
        List<double[]> grid = new ArrayList<>();
        int[] at = new int[dim];
        while (true) {
            double[] p = new double[dim + 1];
            for (int d = 0; d < dim; d++) {
                p[d] = (double) at[d] / GRID_STEPS;
            }
            p[dim] = sse(p);
            grid.add(p);
            int d = 0;
            while (d < dim && ++at[d] > GRID_STEPS) {
                at[d++] = 0;
            }
            if (d == dim) {
                break;
            }
        }
        grid.sort(Comparator.comparingDouble(p -> p[dim]));
        List<double[]> starts = new ArrayList<>();
        starts.add(best.clone());
        for (int i = 0; i < REFINED_GRID_POINTS && i < grid.size(); i++) {
            starts.add(Arrays.copyOf(grid.get(i), dim));
        }
        double[] lower = new double[dim];
        double[] upper = new double[dim];
        Arrays.fill(upper, 1.0);
        for (double[] startPoint : starts) {
            double[][] runBest = {null};
            double[] runBestSse = {Double.POSITIVE_INFINITY};
            ObjectiveFunction objective = new ObjectiveFunction(p -> {
                double value = sse(p);
                if (value < runBestSse[0]) {
                    runBestSse[0] = value;
                    runBest[0] = p.clone();
                }
                return value;
            });
            try {
                new BOBYQAOptimizer(2 * dim + 1, INITIAL_RADIUS, STOPPING_RADIUS).optimize(
                        new MaxEval(MAX_EVALUATIONS), objective, GoalType.MINIMIZE,
                        new InitialGuess(startPoint), new SimpleBounds(lower, upper));
            } catch (MathIllegalStateException e) {
                // Too many evaluations, or BOBYQA's trust region could not shrink further (seen on
                // smooth, nearly noise-free series): keep the best point evaluated so far.
            }
            if (runBest[0] != null && runBestSse[0] < bestSse) {
                bestSse = runBestSse[0];
                best = runBest[0];
            }
        }
        if (grid.get(0)[dim] < bestSse) {
            best = Arrays.copyOf(grid.get(0), dim);
        }
        double[] result = new double[3];
        for (int d = 0; d < dim; d++) {
            result[d] = clamp(best[d]);
        }
        return result;
    }

    private Forecast predict(List<SeriesPoint> points, int horizon, double alpha, double beta, double gamma) {
        double g = seasonal() ? gamma : 0;
        Run fit = run(alpha, beta, g, true);
        double variance = StatUtils.variance(fit.residuals());
        double z80 = Distributions.normalQuantile((1 + LEVEL_80) / 2);
        double z95 = Distributions.normalQuantile((1 + LEVEL_95) / 2);
        double[] mean = new double[horizon];
        double[] lower80 = new double[horizon];
        double[] upper80 = new double[horizon];
        double[] lower95 = new double[horizon];
        double[] upper95 = new double[horizon];
        double psiSquares = 0;
        for (int h = 1; h <= horizon; h++) {
            double m = fit.level() + h * fit.trend();
            if (seasonal()) {
                m += fit.season()[(h - 1) % period];
            }
            if (h > 1) {
                int j = h - 1;
                double psi = alpha * (1 + j * beta) + (seasonal() && j % period == 0 ? g * (1 - alpha) : 0);
                psiSquares += psi * psi;
            }
            double sd = Math.sqrt(variance * (1 + psiSquares));
            mean[h - 1] = m;
            lower80[h - 1] = m - z80 * sd;
            upper80[h - 1] = m + z80 * sd;
            lower95[h - 1] = m - z95 * sd;
            upper95[h - 1] = m + z95 * sd;
        }
        Instant last = points.get(points.size() - 1).time();
        Duration step = Duration.between(points.get(points.size() - 2).time(), last);
        List<Instant> times = new ArrayList<>(horizon);
        for (int h = 1; h <= horizon; h++) {
            times.add(last.plus(step.multipliedBy(h)));
        }
        return new Forecast(seasonal() ? ADDITIVE_SEASONAL : LINEAR_TREND, alpha, beta,
                seasonal() ? gamma : null, seasonal() ? period : null, times, mean, lower80, upper80,
                lower95, upper95, fit.sse());
    }
}
