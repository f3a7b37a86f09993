package io.promptwatch.statistics.control;

/**
 * The Wilson score interval of one proportion: unlike the Wald interval it stays inside [0, 1]
 * and keeps its coverage for small n and rates near 0 or 1. Equals R's
 * {@code prop.test(x, n, correct = FALSE)$conf.int}.
 */
public record WilsonInterval(double low, double high) {

    public static WilsonInterval of(long successes, long n, double confidence) {
        if (n < 1 || successes < 0 || successes > n) {
            throw new IllegalArgumentException("need 0 <= successes <= n and n >= 1; got " + successes + " of " + n);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must lie strictly between 0 and 1; got " + confidence);
        }
        double z = Distributions.normalQuantile(0.5 + confidence / 2);
        double p = (double) successes / n;
        double z2 = z * z;
        double center = p + z2 / (2.0 * n);
        double spread = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        double denominator = 1 + z2 / n;
        return new WilsonInterval(Math.max(0, (center - spread) / denominator), Math.min(1, (center + spread) / denominator));
    }
}
