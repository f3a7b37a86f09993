package io.promptwatch.statistics.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The words of each decision, written out: they are the API's and the stored experiments', so a
 * renamed constant must not change them (JSON-B itself is checked by ExperimentIT on the server).
 */
class DecisionTest {

    private static final Map<Decision, String> WORDS = Map.of(
            Decision.CONTINUE, "continue",
            Decision.WINS, "stop: variant wins",
            Decision.NO_DIFFERENCE, "stop: no meaningful difference",
            Decision.HARMS, "stop: variant harms");

    @Test
    void eachDecisionHasItsWords() {
        assertEquals(WORDS.size(), Decision.values().length);
        WORDS.forEach((decision, words) -> assertEquals(words, decision.words()));
    }

    @Test
    void theWordsLeadBackToTheDecision() {
        Arrays.stream(Decision.values()).forEach(d -> assertEquals(d, Decision.ofWords(d.words())));
        assertThrows(IllegalArgumentException.class, () -> Decision.ofWords("WINS"));
        assertThrows(IllegalArgumentException.class, () -> Decision.ofWords("stop"));
    }

    @Test
    void jsonCarriesTheWords() {
        Decision.Words adapter = new Decision.Words();
        WORDS.forEach((decision, words) -> {
            assertEquals(words, adapter.adaptToJson(decision));
            assertEquals(decision, adapter.adaptFromJson(words));
        });
    }
}
