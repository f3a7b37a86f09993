package io.promptwatch.reports.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.ScheduleExpression;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Firings worked out by hand from a calendar: 2026-12-06 is a Sunday (2026-01-01 was a Thursday;
 * 339 days later, 339 = 48 weeks + 3 days, is a Sunday), 2028-02-29 exists (2028 is a leap year).
 */
class CronTest {

    @Test
    void dailyAtTwo() {
        Cron cron = Cron.parse("0 2 * * *");
        assertEquals(Instant.parse("2026-12-06T02:00:00Z"), cron.next(Instant.parse("2026-12-06T01:59:59Z")));
        assertEquals(Instant.parse("2026-12-07T02:00:00Z"), cron.next(Instant.parse("2026-12-06T02:00:00Z")));
        assertEquals(Instant.parse("2026-12-06T02:00:00Z"), cron.latestAtOrBefore(Instant.parse("2026-12-06T02:00:59.9Z")));
        assertEquals(Instant.parse("2026-12-05T02:00:00Z"), cron.latestAtOrBefore(Instant.parse("2026-12-06T01:59:00Z")));
    }

    @Test
    void sundaysAtThreeByNameAndByNumber() {
        for (String text : new String[] {"0 3 * * SUN", "0 3 * * 0", "0 3 * * 7", "0 3 * * sun"}) {
            Cron cron = Cron.parse(text);
            assertEquals(Instant.parse("2026-12-06T03:00:00Z"), cron.next(Instant.parse("2026-12-01T00:00:00Z")), text);
            assertEquals(Instant.parse("2026-12-13T03:00:00Z"), cron.next(Instant.parse("2026-12-06T03:00:00Z")), text);
            // A timer that fires two hours late still names the firing it was scheduled for.
            assertEquals(Instant.parse("2026-12-06T03:00:00Z"), cron.latestAtOrBefore(Instant.parse("2026-12-06T05:07:00Z")), text);
            // The Saturday before: the previous Sunday, 2026-11-29.
            assertEquals(Instant.parse("2026-11-29T03:00:00Z"), cron.latestAtOrBefore(Instant.parse("2026-12-05T23:59:00Z")), text);
        }
    }

    @Test
    void listsRangesAndSteps() {
        Cron cron = Cron.parse("*/15 9-17 * * MON-FRI");
        // Friday 2026-12-04 17:45 is the last of the week; next Monday 2026-12-07 09:00.
        assertEquals(Instant.parse("2026-12-04T17:45:00Z"), cron.next(Instant.parse("2026-12-04T17:30:00Z")));
        assertEquals(Instant.parse("2026-12-07T09:00:00Z"), cron.next(Instant.parse("2026-12-04T17:45:00Z")));
        assertEquals(Instant.parse("2026-12-04T17:45:00Z"), cron.latestAtOrBefore(Instant.parse("2026-12-06T12:00:00Z")));
        Cron months = Cron.parse("30 0 1 JAN,JUL *");
        assertEquals(Instant.parse("2027-01-01T00:30:00Z"), months.next(Instant.parse("2026-07-01T00:30:00Z")));
    }

    @Test
    void bothDayFieldsRestrictedMeansEither() {
        // The 15th or any Monday, as cron (and an EJB calendar schedule) read it: Monday 2026-12-07, then the 15th (a Tuesday).
        Cron cron = Cron.parse("0 0 15 * MON");
        assertEquals(Instant.parse("2026-12-07T00:00:00Z"), cron.next(Instant.parse("2026-12-06T00:00:00Z")));
        assertEquals(Instant.parse("2026-12-14T00:00:00Z"), cron.next(Instant.parse("2026-12-07T00:00:00Z")));
        assertEquals(Instant.parse("2026-12-15T00:00:00Z"), cron.next(Instant.parse("2026-12-14T00:00:00Z")));
    }

    @Test
    void aLeapDayAndADayThatNeverComes() {
        assertEquals(Instant.parse("2028-02-29T12:00:00Z"), Cron.parse("0 12 29 2 *").next(Instant.parse("2026-12-06T00:00:00Z")));
        assertNull(Cron.parse("0 12 30 2 *").next(Instant.parse("2026-12-06T00:00:00Z")));
    }

    @Test
    void badExpressionsSayWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cron.parse("0 2 * *")).getMessage().contains("five fields"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cron.parse("60 2 * * *")).getMessage().contains("minute"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cron.parse("0 2 * * FUN")).getMessage().contains("day of week"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cron.parse("0 5-2 * * *")).getMessage().contains("backwards"));
        assertThrows(IllegalArgumentException.class, () -> Cron.parse(null));
    }

    @Test
    void theEjbScheduleListsTheSameValues() {
        ScheduleExpression s = Cron.parse("0 3 * * SUN").toScheduleExpression();
        assertEquals("UTC", s.getTimezone());
        assertEquals("0", s.getSecond());
        assertEquals("0", s.getMinute());
        assertEquals("3", s.getHour());
        assertEquals("*", s.getDayOfMonth());
        assertEquals("1,2,3,4,5,6,7,8,9,10,11,12", s.getMonth());
        assertEquals("0", s.getDayOfWeek());
        assertEquals("0,15,30,45", Cron.parse("*/15 * * * *").toScheduleExpression().getMinute());
    }
}
