package io.promptwatch.reports.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.promptwatch.lease.Leases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Two servers firing the same schedule: the lease table is stood in for by a map that, like the
 * real one, gives a name to the first server that asks and refuses it to the other while it runs.
 */
class JobSchedulesTest {

    /** The shared lease table: name to holder. */
    private final Map<String, String> table = new HashMap<>();
    private final List<String> started = new ArrayList<>();

    private JobSchedules server(String name) {
        JobSchedules schedules = new JobSchedules();
        schedules.leases = new Leases() {
            @Override
            public boolean acquire(String lease, Duration term) {
                assertEquals(JobSchedules.FIRING_LEASE, term);
                return table.computeIfAbsent(lease, n -> name).equals(name);
            }
        };
        schedules.jobs = new Jobs() {
            @Override
            public long start(String job, Map<String, String> given, String startedBy) {
                started.add(name + " " + job + " (" + startedBy + ")");
                return started.size();
            }
        };
        return schedules;
    }

    @Test
    void eachFiringStartsOnceAcrossServersEvenWhenOneTimerIsLate() {
        Schedule backup = Schedule.of("backup", Optional.of("0 2 * * *")).orElseThrow();
        JobSchedules a = server("a");
        JobSchedules b = server("b");

        assertEquals(1L, a.fire(backup, Instant.parse("2026-12-06T02:00:00.250Z")));
        // b's timer ran three minutes late: the same firing, found taken.
        assertNull(b.fire(backup, Instant.parse("2026-12-06T02:03:10Z")));
        // The next day b is first.
        assertEquals(2L, b.fire(backup, Instant.parse("2026-12-07T02:00:00.010Z")));
        assertNull(a.fire(backup, Instant.parse("2026-12-07T02:00:00.020Z")));

        assertEquals(List.of("a backup (schedule 2026-12-06T02:00:00Z)", "b backup (schedule 2026-12-07T02:00:00Z)"), started);
        assertEquals(Map.of("job:backup:2026-12-06T02:00:00Z", "a", "job:backup:2026-12-07T02:00:00Z", "b"), table);
    }
}
