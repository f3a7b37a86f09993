package io.promptwatch.alerting.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a comparison by its symbol ({@code >}, {@code <}, {@code anomaly}). */
@Converter
public class ComparisonColumn implements AttributeConverter<Comparison, String> {

    @Override
    public String convertToDatabaseColumn(Comparison comparison) {
        return comparison == null ? null : comparison.symbol();
    }

    @Override
    public Comparison convertToEntityAttribute(String symbol) {
        return symbol == null ? null : Comparison.parse(symbol).orElseThrow(() -> new IllegalStateException("unknown comparison " + symbol));
    }
}
