package io.promptwatch.experiments.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.promptwatch.statistics.entity.Decision;
import org.junit.jupiter.api.Test;

/** The column keeps the words experiments were stored with before the decision was an enum. */
class DecisionColumnTest {

    private final DecisionColumn column = new DecisionColumn();

    @Test
    void storesTheWords() {
        assertEquals("stop: variant wins", column.convertToDatabaseColumn(Decision.WINS));
        assertEquals("stop: no meaningful difference", column.convertToDatabaseColumn(Decision.NO_DIFFERENCE));
        assertEquals("stop: variant harms", column.convertToDatabaseColumn(Decision.HARMS));
        assertEquals("continue", column.convertToDatabaseColumn(Decision.CONTINUE));
    }

    @Test
    void readsTheStoredWords() {
        assertEquals(Decision.WINS, column.convertToEntityAttribute("stop: variant wins"));
        assertEquals(Decision.NO_DIFFERENCE, column.convertToEntityAttribute("stop: no meaningful difference"));
        assertEquals(Decision.HARMS, column.convertToEntityAttribute("stop: variant harms"));
        assertEquals(Decision.CONTINUE, column.convertToEntityAttribute("continue"));
    }

    @Test
    void aRunningExperimentHasNoDecision() {
        assertNull(column.convertToDatabaseColumn(null));
        assertNull(column.convertToEntityAttribute(null));
    }
}
