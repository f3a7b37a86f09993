# Reference values for the time-series analysis (io.promptwatch.statistics.control.TimeSeries), SPEC §5.
#
# Run from this directory:  Rscript reference-timeseries.R > reference-timeseries-output.txt
# TimeSeriesTest writes the same data sets literally and names the R call beside each value.
# Only base R (package stats) is used. Indices printed for anomalies are 0-based (as in Java).

out <- function(name, value) {
  cat(sprintf("%s = %s\n", name, paste(sprintf("%.15g", value), collapse = " ")))
}

cat(sprintf("# %s\n", R.version.string))
cat(sprintf("# platform %s\n", R.version$platform))

# ---------------------------------------------------------------------------------------------
# Data sets
# A: 72 hourly points from Sunday 2024-03-03 12:00 UTC: a rising trend, a daily cycle and two
#    planted outliers (index 20 up, index 50 down).
hourly <- c(98, 96.7, 96.8, 95.6, 93.9, 91.8, 93.9, 91.7, 95.1, 94.8, 97.5, 101.6, 104, 103.7, 106.7,
            110, 111, 112.5, 111.9, 112.9, 139.7, 108.9, 109.8, 109, 107.3, 105.7, 102.3, 102.8, 100.4,
            99, 100.2, 99.7, 100.8, 103.8, 106.1, 105.2, 111.6, 111.6, 114.7, 115.5, 117.3, 116.8, 118.8,
            119.5, 119.9, 119, 116.3, 114.4, 114.9, 109.1, 83.9, 107.2, 106.6, 105.8, 106.8, 105.7, 107.9,
            108.9, 109.4, 113.1, 113.4, 121.4, 118.8, 122.1, 121.4, 121.4, 124.3, 126.5, 125.4, 123.6,
            122.3, 119.7)
hourly.time <- as.POSIXct("2024-03-03 12:00:00", tz = "UTC") + 3600 * (0:71)
# B: 20 daily points from Monday 2024-01-01 00:00 UTC, falling, no season.
daily <- c(48.5, 47.9, 46.8, 52.2, 47.6, 44.3, 47.7, 44, 43, 48.4, 40.9, 41.9, 40.6, 43.9, 42.1, 39.5,
           36.3, 39.7, 37.6, 34.6)
daily.time <- as.POSIXct("2024-01-01 00:00:00", tz = "UTC") + 86400 * (0:19)
# C: 8 irregularly spaced points without a trend.
flat <- c(5.1, 4.9, 5.3, 5.0, 4.8, 5.2, 5.1, 4.9)
flat.time <- as.POSIXct(c("2024-05-01 08:00:00", "2024-05-01 13:30:00", "2024-05-02 09:15:00",
                          "2024-05-02 09:15:00", "2024-05-03 22:45:10", "2024-05-05 06:00:00",
                          "2024-05-06 17:20:00", "2024-05-08 00:00:00"), tz = "UTC")
# D: 14 latencies (ms) every 15 minutes with one spike up (index 5) and one drop (index 10).
spiky <- c(212, 198, 205, 220, 201, 640, 209, 195, 214, 203, 12, 207, 199, 216)

# ---------------------------------------------------------------------------------------------
# Trend: summary(lm(value ~ days)), days = (time - first time) in days
trend <- function(name, value, time) {
  days <- as.numeric(difftime(time, time[1], units = "days"))
  s <- summary(lm(value ~ days))
  out(paste0(name, ".slopePerDay"), s$coefficients["days", "Estimate"])
  out(paste0(name, ".standardError"), s$coefficients["days", "Std. Error"])
  out(paste0(name, ".t"), s$coefficients["days", "t value"])
  out(paste0(name, ".pValue"), s$coefficients["days", "Pr(>|t|)"])
  out(paste0(name, ".rSquared"), s$r.squared)
}
trend("trend.hourly", hourly, hourly.time)
trend("trend.daily", daily, daily.time)
trend("trend.flat", flat, flat.time)

# ---------------------------------------------------------------------------------------------
# Seasonality: means by UTC hour (0..23) and weekday (Monday first), NaN where no data;
# anova(lm(value ~ factor(hour))) and anova(lm(value ~ factor(weekday)))
seasonality <- function(name, value, time) {
  lt <- as.POSIXlt(time, tz = "UTC")
  hour <- lt$hour
  weekday <- (lt$wday + 6) %% 7   # 0 = Monday
  hm <- sapply(0:23, function(h) if (any(hour == h)) mean(value[hour == h]) else NaN)
  dm <- sapply(0:6, function(d) if (any(weekday == d)) mean(value[weekday == d]) else NaN)
  out(paste0(name, ".hourOfDayMeans"), hm)
  out(paste0(name, ".dayOfWeekMeans"), dm)
  one <- function(f) {
    if (length(unique(f)) < 2) return(c(NaN, NaN))
    a <- anova(lm(value ~ factor(f)))
    c(a[1, "F value"], a[1, "Pr(>F)"])
  }
  h <- one(hour); d <- one(weekday)
  out(paste0(name, ".hourF"), h[1]); out(paste0(name, ".hourPValue"), h[2])
  out(paste0(name, ".dayF"), d[1]);  out(paste0(name, ".dayPValue"), d[2])
}
seasonality("seasonality.hourly", hourly, hourly.time)
seasonality("seasonality.daily", daily, daily.time)

# ---------------------------------------------------------------------------------------------
# Anomalies: z = (x - mean)/sd, |z| > 3; IQR fences with quantile(type = 7), score = distance beyond
# the nearer quartile in IQRs; modified z = 0.6745 (x - median)/mad(x, constant = 1), |score| > 3.5
anomalies <- function(name, x) {
  m <- mean(x); s <- sd(x)
  q <- quantile(x, c(0.25, 0.5, 0.75), type = 7, names = FALSE)
  md <- median(x); madRaw <- mad(x, constant = 1)
  out(paste0(name, ".mean"), m); out(paste0(name, ".sd"), s)
  out(paste0(name, ".q1"), q[1]); out(paste0(name, ".median"), md); out(paste0(name, ".q3"), q[3])
  out(paste0(name, ".madRaw"), madRaw)
  z <- (x - m) / s
  iz <- which(abs(z) > 3)
  out(paste0(name, ".zScore.index"), iz - 1); out(paste0(name, ".zScore.score"), z[iz])
  iqr <- q[3] - q[1]
  ii <- which(x < q[1] - 1.5 * iqr | x > q[3] + 1.5 * iqr)
  out(paste0(name, ".iqr.index"), ii - 1)
  out(paste0(name, ".iqr.score"), ifelse(x[ii] > q[3], (x[ii] - q[3]) / iqr, (x[ii] - q[1]) / iqr))
  mz <- 0.6745 * (x - md) / madRaw
  im <- which(abs(mz) > 3.5)
  out(paste0(name, ".mad.index"), im - 1); out(paste0(name, ".mad.score"), mz[im])
}
anomalies("anomalies.hourly", hourly)
anomalies("anomalies.daily", daily)
anomalies("anomalies.spiky", spiky)

# ---------------------------------------------------------------------------------------------
# Forecast: HoltWinters and predict(..., prediction.interval = TRUE, level = 0.8 / 0.95)
forecast <- function(name, hw, horizon) {
  out(paste0(name, ".alpha"), hw$alpha)
  if (!is.logical(hw$beta)) out(paste0(name, ".beta"), hw$beta)
  if (!is.logical(hw$gamma)) out(paste0(name, ".gamma"), hw$gamma)
  out(paste0(name, ".sse"), hw$SSE)
  p80 <- predict(hw, n.ahead = horizon, prediction.interval = TRUE, level = 0.8)
  p95 <- predict(hw, n.ahead = horizon, prediction.interval = TRUE, level = 0.95)
  out(paste0(name, ".mean"), p80[, "fit"])
  out(paste0(name, ".lower80"), p80[, "lwr"]); out(paste0(name, ".upper80"), p80[, "upr"])
  out(paste0(name, ".lower95"), p95[, "lwr"]); out(paste0(name, ".upper95"), p95[, "upr"])
}
# additive seasonal, period 24, fixed parameters
forecast("hw.seasonal.fixed", HoltWinters(ts(hourly, frequency = 24), alpha = 0.4, beta = 0.05, gamma = 0.3), 12)
# additive seasonal, parameters by optim L-BFGS-B from (0.3, 0.1, 0.1)
forecast("hw.seasonal.fitted", HoltWinters(ts(hourly, frequency = 24)), 12)
# Holt's linear trend (gamma = FALSE), fixed parameters
forecast("hw.holt.fixed", HoltWinters(daily, alpha = 0.5, beta = 0.2, gamma = FALSE), 5)
# Holt's linear trend, parameters by optim L-BFGS-B from (0.3, 0.1)
forecast("hw.holt.fitted", HoltWinters(daily, gamma = FALSE), 5)
