package io.promptwatch.reporting.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a report type by its label ({@code daily}, {@code comprehensive}), as the API names it. */
@Converter
public class ReportTypeColumn implements AttributeConverter<ReportType, String> {

    @Override
    public String convertToDatabaseColumn(ReportType type) {
        return type == null ? null : type.label();
    }

    @Override
    public ReportType convertToEntityAttribute(String label) {
        return label == null ? null : ReportType.parse("type", label);
    }
}
