package io.promptwatch.persistence;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores booleans in the SMALLINT 0/1 columns both schemas use (db/migration, V1). Derby takes a
 * bound boolean for a SMALLINT; PostgreSQL refuses it ("column is of type smallint but expression
 * is of type boolean") and has no implicit cast between the two. Converted here, every attribute,
 * query parameter and JPQL literal ({@code r.automatic = true}) compared with such an attribute
 * reaches either database as 0 or 1. Put on each boolean attribute with {@code @Convert}.
 */
@Converter
public class BooleanAsSmallint implements AttributeConverter<Boolean, Short> {

    private static final Short TRUE = 1;
    private static final Short FALSE = 0;

    @Override
    public Short convertToDatabaseColumn(Boolean value) {
        return value == null ? null : value ? TRUE : FALSE;
    }

    @Override
    public Boolean convertToEntityAttribute(Short column) {
        return column == null ? null : column != 0;
    }
}
