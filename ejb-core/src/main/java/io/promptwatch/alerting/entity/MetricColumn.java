package io.promptwatch.alerting.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a metric by its API label, so the column reads as the rule was written. */
@Converter
public class MetricColumn implements AttributeConverter<AlertMetric, String> {

    @Override
    public String convertToDatabaseColumn(AlertMetric metric) {
        return metric == null ? null : metric.label();
    }

    @Override
    public AlertMetric convertToEntityAttribute(String label) {
        return label == null ? null : AlertMetric.parse(label).orElseThrow(() -> new IllegalStateException("unknown metric " + label));
    }
}
