package io.promptwatch.experiments.entity;

import io.promptwatch.statistics.entity.Decision;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a decision as its words, as experiments stopped before the enum existed have it. */
@Converter
public class DecisionColumn implements AttributeConverter<Decision, String> {

    @Override
    public String convertToDatabaseColumn(Decision decision) {
        return decision == null ? null : decision.words();
    }

    @Override
    public Decision convertToEntityAttribute(String words) {
        return words == null ? null : Decision.ofWords(words);
    }
}
