package io.promptwatch.reports.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Expected instants are hand-computed from the calendar (UTC; 2028 is a leap year). */
class ArchiveMonthsTest {

    @Test
    void theCutoffIsTheStartOfTheMonthHoldingTheHorizon() {
        // 90 days before 2026-06-15T10:00Z is 2026-03-17T10:00Z: March has not ended by then, February has.
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), ArchiveMonths.cutoff(Instant.parse("2026-03-17T10:00:00Z")));
        // A horizon exactly at a month's start: the month before ended at it, and is archived.
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), ArchiveMonths.cutoff(Instant.parse("2026-03-01T00:00:00Z")));
        assertEquals(Instant.parse("2026-02-01T00:00:00Z"), ArchiveMonths.cutoff(Instant.parse("2026-02-28T23:59:59.999Z")));
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), ArchiveMonths.cutoff(Instant.parse("2026-01-01T00:00:00.001Z")));
    }

    @Test
    void aMonthIsAHalfOpenRangeOfInstants() {
        assertEquals(Instant.parse("2028-02-01T00:00:00Z"), ArchiveMonths.start(YearMonth.of(2028, 2)));
        assertEquals(Instant.parse("2028-03-01T00:00:00Z"), ArchiveMonths.end(YearMonth.of(2028, 2)));
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), ArchiveMonths.end(YearMonth.of(2026, 12)));
    }

    @Test
    void monthsAreWrittenYyyyMm() {
        assertEquals(Optional.of(YearMonth.of(2026, 1)), ArchiveMonths.parse("2026-01"));
        assertEquals(Optional.empty(), ArchiveMonths.parse("2026-13"));
        assertEquals(Optional.empty(), ArchiveMonths.parse("2026-1"));
        assertEquals(Optional.empty(), ArchiveMonths.parse("26-01"));
        assertEquals(Optional.empty(), ArchiveMonths.parse("2026-01-01"));
        assertEquals(Optional.empty(), ArchiveMonths.parse(null));
    }
}
