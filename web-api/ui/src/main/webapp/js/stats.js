// Each group's own interval for the compare page's chart. /analysis/compare answers a group's n, mean and SD
// (or successes and n) and the interval of each difference, not an interval per group: those are drawn here
// from the figures the API gave, by the textbook formulas named beside each function.

/** The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9). */
export function normalQuantile(p) {
    const a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
        -3.066479806614716e+01, 2.506628277459239e+00];
    const b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
        -1.328068155288572e+01];
    const c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
        4.374664141464968e+00, 2.938163982698783e+00];
    const d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
    const low = 0.02425;
    if (p < low) {
        const q = Math.sqrt(-2 * Math.log(p));
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
            / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (p > 1 - low) return -normalQuantile(1 - p);
    const q = p - 0.5;
    const r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
        / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/**
 * Student's t quantile with df degrees of freedom, by the Cornish–Fisher expansion around the normal
 * quantile (Abramowitz & Stegun 26.7.5): against R's qt(0.975, df), 0.11 % low at df = 5, 0.008 % at
 * df = 10, 0.0001 % at df = 29: enough for a drawn interval (DashboardIT checks these).
 */
export function tQuantile(p, df) {
    const z = normalQuantile(p);
    const z3 = z ** 3;
    const z5 = z ** 5;
    const z7 = z ** 7;
    return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2)
        + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3);
}

/** The mean's interval at this confidence: mean ± t(1 − α/2, n − 1) · sd / √n; null below two values. */
export function meanInterval(mean, sd, n, confidence) {
    if (mean === null || mean === undefined || sd === null || sd === undefined || n < 2) return null;
    const half = tQuantile(1 - (1 - confidence) / 2, n - 1) * sd / Math.sqrt(n);
    return [mean - half, mean + half];
}

/** The Wilson score interval of successes of n (the interval /analysis/matrix uses too). */
export function wilsonInterval(successes, n, confidence) {
    if (!n) return null;
    const z = normalQuantile(1 - (1 - confidence) / 2);
    const p = successes / n;
    const z2 = z * z;
    const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    const half = (z / (1 + z2 / n)) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
