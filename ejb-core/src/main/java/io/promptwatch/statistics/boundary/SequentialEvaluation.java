package io.promptwatch.statistics.boundary;

import static org.apache.commons.math3.stat.StatUtils.mean;

import io.promptwatch.statistics.control.Msprt;
import io.promptwatch.statistics.entity.Decision;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides where an experiment stands from its arms' data. Each variant is compared with the
 * control by the mSPRT (mixing scale = the minimum detectable effect), so the answer may be read
 * after every record; Holm's adjustment keeps the family-wise error over several variants.
 * Decision: a significant improvement stops with the best such variant as winner; otherwise a
 * significant degradation stops as harm; otherwise, once every arm has its planned sample size,
 * the experiment stops as "no meaningful difference"; until then it continues.
 */
public final class SequentialEvaluation {

    static final String METHOD = "mSPRT (mixture sequential probability ratio test, normal mixture with scale = minimum "
            + "detectable effect, plug-in variance); always-valid p-values and confidence intervals, Holm-adjusted over variants";

    /** The data of one arm: continuous values, or success counts. */
    public record ArmData(String version, double weight, double[] values, long successes, long n) {
        public static ArmData values(String version, double weight, double[] values) {
            return new ArmData(version, weight, values, 0, values.length);
        }

        public static ArmData counts(String version, double weight, long successes, long n) {
            return new ArmData(version, weight, null, successes, n);
        }

        boolean binary() {
            return values == null;
        }
    }

    private SequentialEvaluation() {
    }

    public static Evaluation evaluate(List<ArmData> arms, double minimumDetectableEffect, double alpha,
                                      boolean higherIsBetter, long requiredPerArm) {
        ArmData control = arms.get(0);
        List<Evaluation.ArmState> states = new ArrayList<>();
        double progress = Double.MAX_VALUE;
        for (ArmData arm : arms) {
            double armProgress = Math.min(1, (double) arm.n() / requiredPerArm);
            progress = Math.min(progress, armProgress);
            states.add(new Evaluation.ArmState(arm.version(), arm.weight(), arm.n(),
                    arm.binary() || arm.n() == 0 ? null : mean(arm.values()),
                    arm.binary() && arm.n() > 0 ? (double) arm.successes() / arm.n() : null, armProgress));
        }
        List<Msprt.Look> looks = new ArrayList<>();
        boolean enoughData = arms.stream().allMatch(a -> a.binary() ? a.n() >= 1 : a.n() >= 2);
        if (!enoughData) {
            return new Evaluation(METHOD, states, List.of(), progress, Decision.CONTINUE, null);
        }
        for (ArmData variant : arms.subList(1, arms.size())) {
            looks.add(control.binary()
                    ? Msprt.proportions(control.successes(), control.n(), variant.successes(), variant.n(), minimumDetectableEffect, alpha)
                    : Msprt.means(control.values(), variant.values(), minimumDetectableEffect, alpha));
        }
        double[] holm = PValueAdjustment.holm(looks.stream().mapToDouble(Msprt.Look::pValue).toArray());
        List<Evaluation.VariantResult> results = new ArrayList<>();
        for (int i = 0; i < looks.size(); i++) {
            Msprt.Look look = looks.get(i);
            results.add(new Evaluation.VariantResult(arms.get(i + 1).version(), look.difference(), look.ciLow(), look.ciHigh(),
                    look.likelihoodRatio(), look.pValue(), holm[i], holm[i] < alpha,
                    (look.difference() > 0) == higherIsBetter && look.difference() != 0));
        }
        Evaluation.VariantResult best = results.stream().filter(r -> r.significant() && r.better())
                .max(Comparator.comparingDouble(r -> Math.abs(r.difference()))).orElse(null);
        Decision decision;
        if (best != null) {
            decision = Decision.WINS;
        } else if (results.stream().anyMatch(r -> r.significant() && !r.better())) {
            decision = Decision.HARMS;
        } else if (progress >= 1) {
            decision = Decision.NO_DIFFERENCE;
        } else {
            decision = Decision.CONTINUE;
        }
        return new Evaluation(METHOD, states, results, progress, decision, best == null ? null : best.version());
    }
}
