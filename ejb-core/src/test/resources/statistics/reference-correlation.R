# Reference values for correlation and success prediction (io.promptwatch.statistics.control,
# Correlations and LogisticRegression), SPEC §5.
#
# Run from this directory:  Rscript reference-correlation.R > reference-correlation-output.txt
# Every value a JUnit test compares with comes from a line below; CorrelationsTest and
# LogisticRegressionTest write the same data sets literally and name the R call beside each value.
# Only base R (packages stats and base) is used.

out <- function(name, value) {
  cat(sprintf("%s = %s\n", name, paste(sprintf("%.15g", value), collapse = " ")))
}
note <- function(name, text) cat(sprintf("%s = %s\n", name, paste(text, collapse = " | ")))

cat(sprintf("# %s\n", R.version.string))
cat(sprintf("# platform %s\n", R.version$platform))

# ---------------------------------------------------------------------------------------------
# Pearson: cor.test(x, y, method = "pearson", conf.level = confidence); the interval is Fisher's z
# (R gives none for n = 3; Java returns NaN bounds there).
pearson <- function(name, x, y, confidence) {
  r <- cor.test(x, y, method = "pearson", conf.level = confidence)
  out(paste0(name, ".r"), unname(r$estimate))
  out(paste0(name, ".t"), unname(r$statistic))
  out(paste0(name, ".df"), unname(r$parameter))
  out(paste0(name, ".pValue"), r$p.value)
  if (!is.null(r$conf.int)) out(paste0(name, ".ci"), r$conf.int)
}

# A: latency (ms) against output tokens of 12 calls, a strong positive relation, 95 %
calls.tokens <- c(220, 480, 310, 905, 150, 660, 720, 395, 1010, 540, 275, 830)
calls.latency <- c(640, 1180, 790, 2110, 520, 1490, 1720, 1010, 2380, 1260, 700, 1900)
pearson("pearson.latencyTokens", calls.tokens, calls.latency, 0.95)

# B: quality score against temperature of 10 calls, a moderate negative relation, 90 %
runs.temperature <- c(0.0, 0.2, 0.3, 0.5, 0.7, 0.7, 0.9, 1.0, 1.2, 1.4)
runs.quality <- c(0.81, 0.84, 0.78, 0.80, 0.72, 0.79, 0.70, 0.74, 0.66, 0.71)
pearson("pearson.qualityTemperature", runs.temperature, runs.quality, 0.90)

# C: a weak relation, p far from 0, 99 %
weak.x <- c(3.1, 4.7, 2.2, 5.9, 4.1, 3.8, 5.2, 2.9)
weak.y <- c(10.2, 9.1, 11.4, 10.8, 8.7, 10.9, 9.9, 10.1)
pearson("pearson.weak", weak.x, weak.y, 0.99)

# D: the smallest sample, n = 3 (no interval)
pearson("pearson.three", c(1, 2, 3), c(2, 1, 4), 0.95)

# ---------------------------------------------------------------------------------------------
# Spearman: cor.test(x, y, method = "spearman", exact = FALSE); rho with average ranks for ties,
# S = (n^3 - n)(1 - rho)/6, p from the t approximation with n - 2 degrees of freedom.
spearman <- function(name, x, y) {
  r <- cor.test(x, y, method = "spearman", exact = FALSE)
  out(paste0(name, ".rho"), unname(r$estimate))
  out(paste0(name, ".s"), unname(r$statistic))
  out(paste0(name, ".pValue"), r$p.value)
}

# A: difficulty rating (1..5, many ties) against quality score (one tie), 15 records
rated.difficulty <- c(1, 2, 2, 3, 3, 3, 4, 4, 5, 5, 1, 2, 3, 4, 5)
rated.quality <- c(0.91, 0.88, 0.80, 0.84, 0.77, 0.80, 0.69, 0.74, 0.61, 0.70, 0.86, 0.83, 0.72, 0.66, 0.64)
spearman("spearman.difficultyQuality", rated.difficulty, rated.quality)

# B: no ties, a moderate positive relation
spearman("spearman.noTies", calls.tokens[1:10], c(5.2, 7.9, 4.1, 9.3, 6.0, 8.8, 6.4, 7.1, 9.9, 5.5))

# C: ties in both variables, a weak relation (p large)
tied.x <- c(2, 2, 3, 1, 4, 4, 4, 5, 3, 1, 2, 5)
tied.y <- c(7, 5, 5, 6, 8, 5, 7, 6, 6, 8, 7, 5)
spearman("spearman.tiedBoth", tied.x, tied.y)

# D: perfectly monotone but not linear: rho = 1, S = 0, p = 0
spearman("spearman.monotone", c(1, 2, 3, 4, 5, 6), c(1, 4, 9, 16, 25, 36))

# ---------------------------------------------------------------------------------------------
# Logistic regression: glm(success ~ ., family = binomial) with R's defaults (IRLS from
# mustart = (y + 0.5)/2, epsilon 1e-8 on the deviance, maxit 25); summary() for the Wald table.
logistic <- function(name, frame) {
  fit <- glm(success ~ ., family = binomial, data = frame)
  table <- coef(summary(fit))
  out(paste0(name, ".coefficients"), table[, 1])
  out(paste0(name, ".standardErrors"), table[, 2])
  out(paste0(name, ".z"), table[, 3])
  out(paste0(name, ".pValues"), table[, 4])
  out(paste0(name, ".iterations"), fit$iter)
  out(paste0(name, ".deviance"), fit$deviance)
  out(paste0(name, ".nullDeviance"), fit$null.deviance)
  out(paste0(name, ".aic"), fit$aic)
  fit
}
# AUC = P(score of a positive > score of a negative) + 0.5 P(tie), from the Mann-Whitney statistic
auc <- function(scores, labels) {
  positive <- scores[labels == 1]; negative <- scores[labels == 0]
  unname(suppressWarnings(wilcox.test(positive, negative, exact = FALSE))$statistic) /
    (length(positive) * length(negative))
}

# A: 50 executions, success against latency (ms), output tokens and temperature; not separable
calls <- data.frame(
  latency = c(635, 1696, 1589, 1434, 1453, 932, 1275, 1260, 2839, 897, 876, 1511, 1295, 690, 1296, 1566, 1157,
              928, 1293, 444, 641, 2672, 1668, 1211, 591, 1034, 1207, 1357, 1639, 2416, 1196, 665, 1698, 1113,
              1080, 1210, 2022, 474, 1275, 1835, 800, 1780, 1496, 1636, 2132, 1541, 1636, 2546, 1206, 2021),
  tokens = c(837, 561, 1361, 1405, 591, 335, 1648, 555, 434, 768, 1615, 322, 1792, 1469, 767, 1699, 1360, 386,
             1280, 1739, 893, 694, 364, 734, 351, 688, 1149, 929, 488, 1740, 232, 567, 1104, 1418, 222, 830, 1309,
             592, 1576, 610, 812, 217, 1026, 454, 579, 1361, 1264, 1416, 1008, 1092),
  temperature = c(0, 0.2, 1.1, 0.2, 0.2, 0.1, 0.8, 1.2, 0.5, 0.3, 0.3, 1, 0.7, 0.5, 0.4, 0.8, 0.4, 0.2, 0.6, 0,
                  1.1, 0.3, 0.3, 1.1, 0.6, 0.5, 0.6, 0.5, 0.7, 0.2, 0.8, 0.5, 1, 0.4, 0.3, 0.4, 0.7, 0.3, 0.7, 1,
                  0.3, 0.3, 0, 0.8, 0.7, 0.4, 1.1, 0, 1.1, 0.6),
  success = c(1, 1, 0, 0, 0, 1, 1, 0, 0, 1, 1, 1, 0, 1, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 1, 0,
              0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0))
calls.fit <- logistic("logistic.calls", calls)
# predicted probabilities for four new executions
calls.new <- data.frame(latency = c(500, 1200, 2500, 1500), tokens = c(300, 900, 1500, 200),
                        temperature = c(0.2, 0.7, 1.0, 0))
out("logistic.calls.predict", predict(calls.fit, newdata = calls.new, type = "response"))
out("logistic.calls.fittedAuc", auc(fitted(calls.fit), calls$success))

# the same data held out: test rows = LogisticRegression.split(50, 0.3, 7L).test() (0-based in Java,
# + 1 here); fit on the other 35 rows, AUC of the predictions for the 15 held-out rows
holdout.test <- c(5, 6, 7, 11, 16, 17, 23, 24, 26, 34, 36, 37, 40, 43, 47) + 1
holdout.fit <- logistic("logistic.holdout", calls[-holdout.test, ])
holdout.scores <- predict(holdout.fit, newdata = calls[holdout.test, ], type = "response")
out("logistic.holdout.testAuc", auc(holdout.scores, calls$success[holdout.test]))
out("logistic.holdout.testAccuracy", mean((holdout.scores > 0.5) == (calls$success[holdout.test] == 1)))

# B: one feature (difficulty 1..5, ties), 20 executions
rated <- data.frame(
  difficulty = c(1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5),
  success = c(1, 1, 0, 1, 1, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0))
rated.fit <- logistic("logistic.difficulty", rated)
out("logistic.difficulty.predict", predict(rated.fit, newdata = data.frame(difficulty = c(0, 3, 6)), type = "response"))
# fitted scores take five values only: many ties between the classes
out("logistic.difficulty.fittedAuc", auc(fitted(rated.fit), rated$success))

# ---------------------------------------------------------------------------------------------
# AUC on literal scores with ties inside and across the classes
auc.scores <- c(0.9, 0.8, 0.8, 0.7, 0.6, 0.6, 0.55, 0.5, 0.4, 0.3, 0.8, 0.2)
auc.labels <- c(1, 1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 0)
out("auc.ties", auc(auc.scores, auc.labels))
out("auc.perfect", auc(c(0.1, 0.2, 0.3, 0.9), c(0, 0, 1, 1)))
out("auc.reversed", auc(c(0.1, 0.2, 0.3, 0.9), c(1, 1, 0, 0)))

# ---------------------------------------------------------------------------------------------
# Data sets the Java code refuses. R fits them with warnings or NA coefficients; printed here to show
# that R, too, finds them degenerate.
degenerate <- function(name, frame) {
  warnings <- character(0)
  fit <- withCallingHandlers(glm(success ~ ., family = binomial, data = frame),
                             warning = function(w) { warnings <<- c(warnings, conditionMessage(w)); invokeRestart("muffleWarning") })
  note(paste0(name, ".warnings"), if (length(warnings) == 0) "none" else warnings)
  note(paste0(name, ".aliased"), if (any(is.na(coef(fit)))) names(coef(fit))[is.na(coef(fit))] else "none")
  out(paste0(name, ".iterations"), fit$iter)
}
# completely separated: every success has latency < 1000, every failure latency > 1000
degenerate("refuse.separable", data.frame(
  latency = c(420, 610, 750, 880, 930, 990, 1020, 1150, 1300, 1480, 1720, 2050),
  tokens = c(300, 820, 410, 1200, 650, 900, 310, 1100, 700, 450, 980, 600),
  success = c(1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0)))
# quasi-completely separated: below temperature 0.8 every call succeeds, above it every call fails,
# at 0.8 both outcomes occur
degenerate("refuse.quasiSeparable", data.frame(
  temperature = c(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 0.8, 0.8, 0.9, 1.0, 1.1, 1.2),
  success = c(1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 0, 0, 0)))
# rank-deficient: cost = 2 x tokens
degenerate("refuse.linearCombination", data.frame(
  tokens = c(300, 820, 410, 1200, 650, 900, 310, 1100, 700, 450),
  cost = 2 * c(300, 820, 410, 1200, 650, 900, 310, 1100, 700, 450),
  success = c(1, 0, 1, 0, 1, 1, 0, 0, 1, 0)))
# a constant feature (aliased with the intercept)
degenerate("refuse.constant", data.frame(
  latency = c(420, 610, 750, 880, 930, 990, 1020, 1150, 1300, 1480),
  temperature = rep(0.7, 10),
  success = c(1, 0, 1, 1, 0, 1, 0, 1, 0, 0)))
