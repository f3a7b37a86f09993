package io.promptwatch.reports.archive;

import java.time.YearMonth;

/**
 * One item of the archive step: a prompt's month, and the highest record id the run may take.
 *
 * @param throughId records above it are left for a later run (not yet rolled up everywhere, or the newest)
 */
record ArchiveUnit(String promptId, YearMonth month, long throughId) {

    /** Sorts as the units are handed out (prompt ids are slugs: no separator in them). */
    String key() {
        return promptId + "/" + month;
    }
}
