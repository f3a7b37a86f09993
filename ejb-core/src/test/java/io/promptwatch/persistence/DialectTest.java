package io.promptwatch.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The product names are what the drivers' DatabaseMetaData.getDatabaseProductName() answer: Derby
 * 10.16's embedded driver "Apache Derby", pgjdbc 42.7 "PostgreSQL" (seen on the test servers' pools).
 */
class DialectTest {

    @Test
    void productNamesOfTheTwoDrivers() {
        assertEquals(Dialect.DERBY, Dialect.ofProduct("Apache Derby"));
        assertEquals(Dialect.POSTGRESQL, Dialect.ofProduct("PostgreSQL"));
    }

    @Test
    void migrationFolders() {
        assertEquals("derby", Dialect.DERBY.folder());
        assertEquals("postgresql", Dialect.POSTGRESQL.folder());
    }

    @Test
    void anotherDatabaseIsRefusedByName() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Dialect.ofProduct("H2"));
        assertEquals("Promptwatch runs on Derby or PostgreSQL, not on H2", refused.getMessage());
    }
}
