package io.promptwatch.api.problem;

import static io.promptwatch.api.problem.DatabaseFailure.CONFLICT;
import static io.promptwatch.api.problem.DatabaseFailure.FAULT;
import static io.promptwatch.api.problem.DatabaseFailure.UNAVAILABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ejb.EJBException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SQLStates are those the drivers raise: PostgreSQL's from its manual, Appendix A "PostgreSQL
 * Error Codes" (pgjdbc throws each as a plain {@code SQLException}); Derby's from its Reference
 * Manual, "SQL error messages and exceptions", with the {@code java.sql} subclass Derby's
 * {@code SQLExceptionFactory} picks for the state's class.
 */
class DatabaseFailureTest {

    @ParameterizedTest(name = "PostgreSQL {0} ({1}) is {2}")
    @CsvSource({
            "23505, unique_violation, CONFLICT",
            "23503, foreign_key_violation, CONFLICT",
            "23502, not_null_violation, FAULT",
            "23514, check_violation, FAULT",
            "22021, character_not_in_repertoire, FAULT",
            "22P05, untranslatable_character, FAULT",
            "22001, string_data_right_truncation, FAULT",
            "42P01, undefined_table, FAULT",
            "54000, program_limit_exceeded, FAULT",
            "XX000, internal_error, FAULT",
            "08006, connection_failure, UNAVAILABLE",
            "08001, sqlclient_unable_to_establish_sqlconnection, UNAVAILABLE",
            "40001, serialization_failure, UNAVAILABLE",
            "40P01, deadlock_detected, UNAVAILABLE",
            "53300, too_many_connections, UNAVAILABLE",
            "55P03, lock_not_available, UNAVAILABLE",
            "57014, query_canceled, UNAVAILABLE",
            "57P01, admin_shutdown, UNAVAILABLE",
            "58030, io_error, UNAVAILABLE",
    })
    void aPostgresFailureIsReadFromItsStateAlone(String state, String name, DatabaseFailure expected) {
        assertEquals(expected, DatabaseFailure.of(new SQLException(name, state)));
    }

    @Test
    void aDerbyFailureIsReadTheSameWay() {
        assertEquals(CONFLICT, DatabaseFailure.of(new SQLIntegrityConstraintViolationException(
                "The statement was aborted because it would have caused a duplicate key value", "23505")));
        assertEquals(FAULT, DatabaseFailure.of(new SQLIntegrityConstraintViolationException(
                "Column 'NAME' cannot accept a NULL value.", "23502")));
        assertEquals(FAULT, DatabaseFailure.of(new SQLDataException("A truncation error was encountered", "22001")));
        assertEquals(FAULT, DatabaseFailure.of(new SQLSyntaxErrorException("Table/View 'X' does not exist.", "42X05")));
        assertEquals(UNAVAILABLE, DatabaseFailure.of(new SQLTransactionRollbackException(
                "A lock could not be obtained within the time requested", "40XL1")));
        assertEquals(UNAVAILABLE, DatabaseFailure.of(new SQLNonTransientConnectionException(
                "Database 'promptwatch' not found.", "XJ004")));
    }

    @Test
    void aFailureWithoutStateOrThatItsDriverCallsTransientIsAnOutage() {
        // Payara's pool: "Error in allocating a connection", raised before any driver answered.
        assertEquals(UNAVAILABLE, DatabaseFailure.of(new SQLException("Error in allocating a connection")));
        assertEquals(UNAVAILABLE, DatabaseFailure.of(new SQLTransientConnectionException("timed out", "HY000")));
    }

    @Test
    void theDriversOwnFailureCountsNotTheWrappersAroundIt() {
        SQLException driver = new SQLException("duplicate key value violates unique constraint \"prompt_pkey\"", "23505");
        Throwable wrapped = new EJBException(new PersistenceException(new SQLException("wrapper, no state", null, driver)));
        assertEquals(Optional.of(CONFLICT), DatabaseFailure.in(wrapped));

        assertEquals(Optional.empty(), DatabaseFailure.in(new EJBException(new IllegalStateException("no database here"))));
    }
}
