# Reference values for io.promptwatch.statistics.boundary.SequentialEvaluation (SequentialEvaluationTest).
#
# Run from this directory:  python3 reference-sequential.py > reference-sequential-output.txt
# Only Python's standard library (math, statistics) is used; nothing here calls the Java code.
#
# 1. The planned size per arm: the closed form behind R's power.prop.test (strict = FALSE),
#    n = ((z(1 - alpha/2) sqrt(2 pbar qbar) + z(power) sqrt(p1 q1 + p2 q2)) / |p1 - p2|)^2, pbar = (p1 + p2)/2,
#    with the normal quantiles of statistics.NormalDist (Wichura's AS 241, the algorithm of R's qnorm).
#    R 4.2.2 gives power.prop.test(p1 = 0.7, p2 = 0.8, sig.level = 0.05, power = 0.8)$n = 293.1513 (ExperimentIT).
# 2. mSPRT with a normal mixture N(0, tau^2), Johari, Koomen, Pekelis and Walsh, "Peeking at A/B tests"
#    (KDD 2017), section 3: for a difference d of two means with variance V (here estimated, V =
#    var_c/n_c + var_v/n_v), Lambda = sqrt(V / (V + tau^2)) exp(tau^2 d^2 / (2 V (V + tau^2))), and the
#    always-valid p-value of a single look is min(1, 1/Lambda). For success counts var = p(1 - p).
# 3. Holm's step-down adjustment (Holm 1979), as R's p.adjust(p, "holm").

import math
import platform
import statistics

TAU_SUCCESS = 0.1


def out(name, *values):
    print("%s = %s" % (name, " ".join("%.15g" % v for v in values)))


def planned_size(p1, p2, alpha, power):
    z = statistics.NormalDist()
    pbar = (p1 + p2) / 2
    root = (z.inv_cdf(1 - alpha / 2) * math.sqrt(2 * pbar * (1 - pbar))
            + z.inv_cdf(power) * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2)))
    return (root / abs(p1 - p2)) ** 2


def msprt(d, v, tau):
    t2 = tau * tau
    log_lambda = 0.5 * math.log(v / (v + t2)) + t2 * d * d / (2 * v * (v + t2))
    return math.exp(log_lambda), min(1.0, math.exp(-log_lambda))


def counts(control, variant, tau=TAU_SUCCESS):
    (sc, nc), (sv, nv) = control, variant
    pc, pv = sc / nc, sv / nv
    return msprt(pv - pc, pc * (1 - pc) / nc + pv * (1 - pv) / nv, tau) + (pv - pc,)


def values(control, variant, tau):
    v = statistics.variance(control) / len(control) + statistics.variance(variant) / len(variant)
    return msprt(statistics.fmean(variant) - statistics.fmean(control), v, tau) + (statistics.fmean(variant) - statistics.fmean(control),)


def holm(p):
    order = sorted(range(len(p)), key=lambda i: p[i])
    adjusted, running = [0.0] * len(p), 0.0
    for rank, i in enumerate(order):
        running = max(running, (len(p) - rank) * p[i])
        adjusted[i] = min(1.0, running)
    return adjusted


def two_arms(name, control, variant):
    likelihood_ratio, p, d = counts(control, variant)
    out(name + ".difference", d)
    out(name + ".likelihoodRatio", likelihood_ratio)
    out(name + ".pValue", p)


def several(name, control, variants):
    looks = [counts(control, v) for v in variants]
    out(name + ".difference", *[d for _, _, d in looks])
    out(name + ".pValue", *[p for _, p, _ in looks])
    out(name + ".pValueHolm", *holm([p for _, p, _ in looks]))


print("# Python %s (%s)" % (platform.python_version(), platform.python_implementation()))
out("planned.n", planned_size(0.7, 0.8, 0.05, 0.8))

# Two arms, control 140 of 200 (0.70), tau = 0.1: the step across p = 0.05.
two_arms("better165", (140, 200), (165, 200))
two_arms("better166", (140, 200), (166, 200))
two_arms("worse165", (165, 200), (140, 200))
two_arms("worse166", (166, 200), (140, 200))
two_arms("equal293", (205, 293), (206, 293))
two_arms("equal294", (206, 294), (207, 294))

# Latency: control 1000, 1010, ..., 1090 twenty times over; variants shifted by a constant; tau = 10 ms.
latency = [1000 + (i % 10) * 10 for i in range(200)]
for shift in (-8, -9, 9):
    likelihood_ratio, p, d = values(latency, [x + shift for x in latency], 10)
    out("latency%+d.pValue" % shift, p)

# Three variants against control 140 of 200 (Holm over three).
several("holmPicksTheWinner", (140, 200), [(169, 200), (85, 100), (145, 200)])
several("holmHoldsBack", (140, 200), [(166, 200), (167, 200), (168, 200)])
several("holmLeavesOnlyHarm", (140, 200), [(167, 200), (106, 200), (141, 200)])
several("aWinBeatsAHarm", (140, 200), [(175, 200), (100, 200), (141, 200)])
