package io.promptwatch.statistics.control;

import static io.promptwatch.statistics.control.RReference.assertR;
import static io.promptwatch.statistics.control.Refusals.assertRefused;

import org.junit.jupiter.api.Test;

/** The AUC against R 4.2.2 (reference-correlation.R, section "AUC") and against its definition by pairs. */
class RocAucTest {

    @Test
    void aucCountsTiesAsOneHalf() {
        // auc(auc.scores, auc.labels) via wilcox.test(...)$statistic / (n1 * n0)
        double[] scores = {0.9, 0.8, 0.8, 0.7, 0.6, 0.6, 0.55, 0.5, 0.4, 0.3, 0.8, 0.2};
        int[] labels = {1, 1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 0};
        assertR(0.819444444444444, RocAuc.of(scores, labels), "auc.ties");
        // auc.perfect and auc.reversed
        assertR(1, RocAuc.of(new double[] {0.1, 0.2, 0.3, 0.9}, new int[] {0, 0, 1, 1}), "auc.perfect");
        assertR(0, RocAuc.of(new double[] {0.1, 0.2, 0.3, 0.9}, new int[] {1, 1, 0, 0}), "auc.reversed");
    }

    @Test
    void aucEqualsTheDefinitionByPairs() {
        double[] scores = {0.9, 0.8, 0.8, 0.7, 0.6, 0.6, 0.55, 0.5, 0.4, 0.3, 0.8, 0.2};
        int[] labels = {1, 1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 0};
        double wins = 0;
        int pairs = 0;
        for (int i = 0; i < scores.length; i++) {
            for (int j = 0; j < scores.length; j++) {
                if (labels[i] == 1 && labels[j] == 0) {
                    pairs++;
                    wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
            }
        }
        assertR(wins / pairs, RocAuc.of(scores, labels), "auc by pairs");
    }


    @Test
    void badInputIsRefusedNamingTheCause() {
        assertRefused("labels has 3 values", () -> RocAuc.of(new double[] {0.1, 0.2}, new int[] {0, 1, 1}));
        assertRefused("only one class", () -> RocAuc.of(new double[] {0.1, 0.2}, new int[] {1, 1}));
        assertRefused("labels[1] must be 0 or 1", () -> RocAuc.of(new double[] {0.1, 0.2}, new int[] {0, 3}));
        assertRefused("scores[0]", () -> RocAuc.of(new double[] {Double.NaN, 0.2}, new int[] {0, 1}));
    }
}
