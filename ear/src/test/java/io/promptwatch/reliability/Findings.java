package io.promptwatch.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of the reliability runs, as one markdown table printed at the end, and the checks
 * among them that failed: a run reports everything it measured before it fails.
 */
final class Findings {

    private record Row(String run, String what, String figure) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();

    synchronized void add(String run, String what, String figure) {
        rows.add(new Row(run, what, figure));
    }

    /** A figure that is also a check: a row either way, and a violation when {@code holds} is false. */
    synchronized void check(String run, String what, boolean holds, String figure) {
        rows.add(new Row(run, what, holds ? figure + " (ok)" : figure + " **VIOLATED**"));
        if (!holds) {
            violations.add(run + ": " + what + ": " + figure);
        }
    }

    /** Fails with every violation of {@code run} noted so far. */
    synchronized void assertHeld(String run) {
        List<String> own = violations.stream().filter(v -> v.startsWith(run + ": ")).toList();
        if (!own.isEmpty()) {
            throw new AssertionError(String.join("\n", own));
        }
    }

    synchronized String table(String heading) {
        StringBuilder table = new StringBuilder(heading).append("\n\n| Run | What | Figure |\n|---|---|---|\n");
        for (Row row : rows) {
            table.append("| ").append(row.run()).append(" | ").append(row.what()).append(" | ").append(row.figure()).append(" |\n");
        }
        table.append(violations.isEmpty() ? "\nEvery check held.\n" : "\nViolated: " + violations.size() + "\n");
        return table.toString();
    }

    /** A line of progress on the console, while a run goes on. */
    static void progress(String format, Object... args) {
        System.out.printf("[reliability] " + format + "%n", args);
    }

    /** A count with thousands separators. */
    static String n(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    /** Seconds with one decimal. */
    static String s(double seconds) {
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
