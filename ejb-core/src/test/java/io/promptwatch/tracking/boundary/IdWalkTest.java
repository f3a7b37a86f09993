package io.promptwatch.tracking.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class IdWalkTest {

    /** The windows a walk asked for, over a table whose ids 1..n are selected where {@code selected} says. */
    private static final class Table {
        final long n;
        final LongPredicate selected;
        final List<long[]> windows = new ArrayList<>();

        Table(long n, LongPredicate selected) {
            this.n = n;
            this.selected = selected;
        }

        List<Long> read(long after, long through, int limit) {
            windows.add(new long[] {after, through});
            return LongStream.rangeClosed(after + 1, Math.min(through, n)).filter(selected).limit(limit).boxed().toList();
        }

        List<Long> walk(long after, long through, int limit) {
            IdWalk walk = new IdWalk(after, through, limit);
            List<Long> all = new ArrayList<>();
            for (List<Long> page; !(page = walk.next(this::read, Long::longValue)).isEmpty(); ) {
                assertTrue(page.size() <= limit);
                all.addAll(page);
            }
            assertTrue(walk.finished());
            assertEquals(through, walk.position());
            return all;
        }
    }

    @Test
    void aDenseSelectionComesInFullPagesOneQueryEach() {
        Table table = new Table(2_000, id -> true);
        assertEquals(LongStream.rangeClosed(1, 2_000).boxed().toList(), table.walk(0, 2_000, 500));
        // 4 full pages, each ending at its last record; nothing is left to ask for after the fourth.
        assertEquals(4, table.windows.size());
    }

    @Test
    void aSparseSelectionWidensItsWindowsUpToSixtyFourPages() {
        // One record in 1,000: the windows double from 10 ids to 640 and stay there.
        Table table = new Table(100_000, id -> id % 1_000 == 0);
        assertEquals(LongStream.rangeClosed(1, 100).map(i -> i * 1_000).boxed().toList(), table.walk(0, 100_000, 10));
        long widest = table.windows.stream().mapToLong(w -> w[1] - w[0]).max().orElseThrow();
        assertEquals(640, widest);
        assertTrue(table.windows.size() < 100_000 / 640 + 10, "few windows: " + table.windows.size());
        // Consecutive windows leave no id out and examine none twice.
        for (int i = 1; i < table.windows.size(); i++) {
            assertEquals(table.windows.get(i - 1)[1], table.windows.get(i)[0]);
        }
    }

    @Test
    void aWalkResumedAtItsPositionGoesOnWithNothingLostOrDoubled() {
        Table table = new Table(10_000, id -> id % 7 == 0 || (id > 4_000 && id < 4_600));
        List<Long> expected = LongStream.rangeClosed(1, 10_000).filter(table.selected).boxed().toList();
        IdWalk walk = new IdWalk(0, 10_000, 50);
        List<Long> read = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            read.addAll(walk.next(table::read, Long::longValue));
        }
        read.addAll(table.walk(walk.position(), 10_000, 50));
        assertEquals(expected, read);
    }

    @Test
    void theWalkStopsAtItsLastIdWhateverComesAfter() {
        Table table = new Table(1_000, id -> true);
        assertEquals(LongStream.rangeClosed(101, 300).boxed().toList(), table.walk(100, 300, 64));
        assertEquals(List.of(), table.walk(300, 300, 64));
    }
}
