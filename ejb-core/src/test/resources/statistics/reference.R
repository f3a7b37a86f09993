# Reference values for the statistics core (io.promptwatch.statistics.control), SPEC §5.
#
# Run from this directory:  Rscript reference.R > reference-output.txt
# Every value a JUnit test compares with comes from a line below; the tests write the same data sets
# literally and name the R call beside each value. Only base R (package stats) is used.
#
# Conventions as in the Java code: two-sided tests, the first group is the control, a difference is
# variant - control. Note the order of arguments: t.test/prop.test compute first - second, so the
# variant goes first there; wilcox.test's W is the rank statistic of its first argument, the control.

out <- function(name, value) {
  cat(sprintf("%s = %s\n", name, paste(sprintf("%.15g", value), collapse = " ")))
}

cat(sprintf("# %s\n", R.version.string))
cat(sprintf("# platform %s\n", R.version$platform))

# ---------------------------------------------------------------------------------------------
# Welch t-test: t.test(variant, control, var.equal = FALSE, conf.level = confidence)
welch <- function(name, control, variant, confidence) {
  r <- t.test(variant, control, var.equal = FALSE, conf.level = confidence)
  out(paste0(name, ".meanControl"), mean(control))
  out(paste0(name, ".meanVariant"), mean(variant))
  out(paste0(name, ".sdControl"), sd(control))
  out(paste0(name, ".sdVariant"), sd(variant))
  out(paste0(name, ".difference"), unname(r$estimate[1] - r$estimate[2]))
  out(paste0(name, ".t"), unname(r$statistic))
  out(paste0(name, ".df"), unname(r$parameter))
  out(paste0(name, ".pValue"), r$p.value)
  out(paste0(name, ".ci"), r$conf.int)
}
cohen <- function(name, control, variant) {
  nc <- length(control); nv <- length(variant)
  pooled <- sqrt(((nc - 1) * var(control) + (nv - 1) * var(variant)) / (nc + nv - 2))
  out(paste0(name, ".cohensD"), (mean(variant) - mean(control)) / pooled)
}

# A: quality scores, n 8 vs 11, unequal variances
quality.control <- c(0.62, 0.71, 0.58, 0.66, 0.74, 0.69, 0.60, 0.65)
quality.variant <- c(0.70, 0.81, 0.77, 0.59, 0.88, 0.73, 0.79, 0.92, 0.68, 0.84, 0.75)
welch("welch.quality", quality.control, quality.variant, 0.95)
cohen("welch.quality", quality.control, quality.variant)

# B: latency in ms, n 5 vs 12, the variant slower and far more variable, 99 % interval
latency.control <- c(812, 790, 845, 801, 828)
latency.variant <- c(910, 1204, 875, 1380, 990, 1102, 860, 1450, 930, 1010, 1225, 1088)
welch("welch.latency", latency.control, latency.variant, 0.99)
cohen("welch.latency", latency.control, latency.variant)

# C: a constant control (zero variance in one group only), 90 % interval
constant.control <- c(3, 3, 3, 3)
constant.variant <- c(4, 5, 3, 4, 6)
welch("welch.constant", constant.control, constant.variant, 0.90)

# D: cost per call, the variant slightly cheaper, n 6 vs 7
cost.control <- c(0.0042, 0.0051, 0.0039, 0.0047, 0.0044, 0.0050)
cost.variant <- c(0.0041, 0.0038, 0.0045, 0.0040, 0.0043, 0.0037, 0.0046)
welch("welch.cost", cost.control, cost.variant, 0.95)
cohen("welch.cost", cost.control, cost.variant)

# ---------------------------------------------------------------------------------------------
# Mann-Whitney: wilcox.test(control, variant, exact = FALSE, correct = TRUE)
# z is recomputed the way wilcox.test does it internally (it does not return z).
mannWhitney <- function(name, control, variant) {
  r <- wilcox.test(control, variant, exact = FALSE, correct = TRUE)
  nx <- length(control); ny <- length(variant)
  ranks <- rank(c(control, variant))
  ties <- table(ranks)
  centred <- unname(r$statistic) - nx * ny / 2
  sigma <- sqrt((nx * ny / 12) * ((nx + ny + 1) - sum(ties^3 - ties) / ((nx + ny) * (nx + ny - 1))))
  out(paste0(name, ".w"), unname(r$statistic))
  out(paste0(name, ".z"), (centred - sign(centred) * 0.5) / sigma)
  out(paste0(name, ".pValue"), r$p.value)
}

# ratings 1..5, many ties within and across groups, the variant rated higher
ratings.control <- c(3, 4, 2, 5, 3, 4, 1, 3, 4)
ratings.variant <- c(4, 5, 5, 3, 4, 5, 4, 2, 5, 4, 5)
mannWhitney("mw.ratings", ratings.control, ratings.variant)

# skewed scores with one tie across the groups
skewed.control <- c(1.2, 3.4, 2.2, 2.2, 5.1, 0.7)
skewed.variant <- c(2.2, 6.3, 4.8, 3.3, 7.1)
mannWhitney("mw.skewed", skewed.control, skewed.variant)

# the variant ranks lower (W above its mean, z positive)
lower.control <- c(14, 18, 21, 15, 19, 22, 17, 20)
lower.variant <- c(12, 15, 11, 16, 13, 10, 15)
mannWhitney("mw.lower", lower.control, lower.variant)

# identical groups: W at its mean, no continuity correction (sign 0), p = 1
mannWhitney("mw.same", c(1, 2, 3, 4), c(1, 2, 3, 4))

# ---------------------------------------------------------------------------------------------
# Two proportions: prop.test(c(sv, sc), c(nv, nc), correct = FALSE, conf.level = confidence);
# z = (pv - pc) / pooled standard error, whose square is prop.test's X-squared.
proportions <- function(name, sc, nc, sv, nv, confidence) {
  r <- prop.test(c(sv, sc), c(nv, nc), correct = FALSE, conf.level = confidence)
  pooled <- (sc + sv) / (nc + nv)
  z <- (sv / nv - sc / nc) / sqrt(pooled * (1 - pooled) * (1 / nc + 1 / nv))
  out(paste0(name, ".difference"), sv / nv - sc / nc)
  out(paste0(name, ".z"), z)
  out(paste0(name, ".xSquared"), unname(r$statistic))
  out(paste0(name, ".pValue"), r$p.value)
  out(paste0(name, ".ci"), r$conf.int)
}
proportions("prop.moderate", 45, 120, 62, 118, 0.95)
proportions("prop.large", 830, 1000, 861, 1000, 0.99)
proportions("prop.worse", 12, 40, 5, 38, 0.90)
proportions("prop.zeroControl", 0, 50, 3, 60, 0.95)
proportions("prop.clipped", 1, 10, 10, 10, 0.95)

# Cohen's h = 2 asin(sqrt(pv)) - 2 asin(sqrt(pc))
cohensH <- function(name, pc, pv) out(paste0(name, ".cohensH"), 2 * asin(sqrt(pv)) - 2 * asin(sqrt(pc)))
cohensH("h.moderate", 45 / 120, 62 / 118)
cohensH("h.small", 0.83, 0.861)
cohensH("h.extremes", 0, 1)
cohensH("h.down", 0.9, 0.6)

# ---------------------------------------------------------------------------------------------
# Chi-square test of homogeneity: chisq.test(cbind(s, n - s), correct = FALSE)
homogeneity <- function(name, s, n) {
  r <- chisq.test(cbind(s, n - s), correct = FALSE)
  out(paste0(name, ".statistic"), unname(r$statistic))
  out(paste0(name, ".df"), unname(r$parameter))
  out(paste0(name, ".pValue"), r$p.value)
}
homogeneity("chisq.three", c(45, 62, 51), c(120, 118, 125))
homogeneity("chisq.four", c(830, 861, 845, 799), c(1000, 1000, 980, 1010))
homogeneity("chisq.strong", c(10, 30, 50, 70), c(100, 100, 100, 100))

# ---------------------------------------------------------------------------------------------
# p-value adjustment: p.adjust(p, "holm") and p.adjust(p, "BH")
adjust <- function(name, p) {
  out(paste0(name, ".holm"), p.adjust(p, "holm"))
  out(paste0(name, ".bh"), p.adjust(p, "BH"))
}
adjust("adjust.ties", c(0.01, 0.04, 0.03, 0.04, 0.20, 0.002, 0.50, 0.03))
adjust("adjust.ten", c(0.041, 0.001, 0.212, 0.008, 0.042, 0.06, 0.039, 0.074, 0.216, 0.205))
adjust("adjust.capped", c(0.5, 0.9, 0.7, 0.6, 0.8))
adjust("adjust.edges", c(0, 1, 0.02, 0.02, 0.3))
adjust("adjust.single", c(0.03))

# ---------------------------------------------------------------------------------------------
# Student's t tails and quantiles at many degrees of freedom (R's pt switches to a normal
# approximation above 4e5 df): 2 * pt(-|t|, df) and qt(p, df, lower.tail = FALSE)
for (df in c(3.5, 1e5, 1e7, 1e12)) {
  out(sprintf("t.twoSided.2.5.%g", df), 2 * pt(-2.5, df))
  out(sprintf("t.twoSided.8.%g", df), 2 * pt(-8, df))
  out(sprintf("t.upperQuantile.0.025.%g", df), qt(0.025, df, lower.tail = FALSE))
}

# ---------------------------------------------------------------------------------------------
# Noncentral t: pt(q, df, ncp) (Lenth's AS 243 in R's pnt)
out("pt.upper.38_2.024_2.22", pt(2.024, 38, ncp = 2.22, lower.tail = FALSE))
out("pt.lower.10_1.5_2", pt(1.5, 10, ncp = 2))
out("pt.lower.5.5_-1_0.5", pt(-1, 5.5, ncp = 0.5))
out("pt.lower.3_2_-1.5", pt(2, 3, ncp = -1.5))
out("pt.lower.30_12_10", pt(12, 30, ncp = 10))
out("pt.upper.200_1.97_0.4", pt(1.97, 200, ncp = 0.4, lower.tail = FALSE))
out("pt.upper.1e6_1.96_2.8", pt(1.96, 1e6, ncp = 2.8, lower.tail = FALSE))
out("pt.lower.20_0_1", pt(0, 20, ncp = 1))
out("pt.lower.1_-3_-2", pt(-3, 1, ncp = -2))

# ---------------------------------------------------------------------------------------------
# Power of the two-sample t-test. Sample sizes are found by uniroot; R's default tol
# (.Machine$double.eps^0.25 ~ 1.2e-4) leaves n uncertain in the 4th decimal, so the references are
# computed with tol = 1e-12 (the exact root); the default-tol value is printed too, for comparison.
tn <- function(name, delta, sd, alpha, power) {
  out(paste0(name, ".n"), power.t.test(delta = delta, sd = sd, sig.level = alpha, power = power, tol = 1e-12)$n)
  out(paste0(name, ".nDefaultTol"), power.t.test(delta = delta, sd = sd, sig.level = alpha, power = power)$n)
}
tn("tn.medium", 0.5, 1, 0.05, 0.8)
tn("tn.small", 0.2, 1, 0.05, 0.9)
tn("tn.large", 2, 1.5, 0.01, 0.8)
tn("tn.huge", 10, 1, 0.05, 0.8)
tn("tn.negative", -0.3, 1, 0.05, 0.8)
tn("tn.latency", 40, 120, 0.01, 0.95)
tn("tn.tiny", 0.01, 1, 0.05, 0.8)
# n beyond uniroot's starting interval [2, 1e7]: extendInt = "upX" widens it
tn("tn.micro", 1e-4, 1, 0.05, 0.8)

tp <- function(name, n, delta, sd, alpha) {
  out(paste0(name, ".power"), power.t.test(n = n, delta = delta, sd = sd, sig.level = alpha)$power)
}
tp("tp.medium", 20, 0.5, 1, 0.05)
tp("tp.strict", 100, 0.3, 1, 0.01)
tp("tp.two", 2, 3, 1, 0.05)
tp("tp.fractional", 15.5, 0.8, 1.1, 0.05)
tp("tp.null", 50, 0, 1, 0.05)
tp("tp.largeDf", 1e6, 0.005, 1, 0.05)
tp("tp.certain", 40, 3, 1, 0.05)

# ---------------------------------------------------------------------------------------------
# Power of the two-proportion test: power.prop.test (tol = 1e-12 for n, as above)
pn <- function(name, p1, p2, alpha, power) {
  out(paste0(name, ".n"), power.prop.test(p1 = p1, p2 = p2, sig.level = alpha, power = power, tol = 1e-12)$n)
  out(paste0(name, ".nDefaultTol"), power.prop.test(p1 = p1, p2 = p2, sig.level = alpha, power = power)$n)
}
pn("pn.textbook", 0.5, 0.75, 0.05, 0.9)
pn("pn.small", 0.8, 0.83, 0.05, 0.8)
pn("pn.huge", 0.05, 0.95, 0.05, 0.8)
pn("pn.down", 0.3, 0.2, 0.01, 0.95)

pp <- function(name, n, p1, p2, alpha) {
  out(paste0(name, ".power"), power.prop.test(n = n, p1 = p1, p2 = p2, sig.level = alpha)$power)
}
pp("pp.textbook", 50, 0.5, 0.75, 0.05)
pp("pp.small", 1000, 0.83, 0.86, 0.05)
pp("pp.fractional", 10.5, 0.2, 0.6, 0.1)
pp("pp.equal", 100, 0.4, 0.4, 0.05)
