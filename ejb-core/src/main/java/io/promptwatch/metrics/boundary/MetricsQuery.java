package io.promptwatch.metrics.boundary;

import io.promptwatch.metrics.control.Breakdown;
import io.promptwatch.metrics.control.Bucket;
import io.promptwatch.metrics.control.BucketFilter;
import io.promptwatch.metrics.control.BucketKey;
import io.promptwatch.metrics.control.Resolution;
import io.promptwatch.metrics.control.Retention;
import io.promptwatch.metrics.control.RollupStore;
import io.promptwatch.metrics.entity.MetricValues;
import io.promptwatch.metrics.entity.Window;
import io.promptwatch.persistence.StorableInstants;
import io.promptwatch.problem.ProblemException;
import io.promptwatch.registry.boundary.PromptRegistry;
import io.promptwatch.registry.entity.Prompt;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers metric questions from the rollup buckets only (never from raw records): a series of
 * buckets, a period against the one before it, and comparison tables by model or by version.
 * Every answer names its resolution and the merge rule.
 */
@Stateless
public class MetricsQuery {

    /** Records selected by prompt (or by a tag the registry gives prompts), version, model and domain. */
    public record Filter(String promptId, String version, String model, String tag, String domain) {
    }

    public record WindowMetrics(Instant start, Instant end, MetricValues metrics) {
    }

    public record Series(String resolution, Instant from, Instant to, String rule, Instant retainedFrom, Filter filter,
                         List<WindowMetrics> buckets) {
    }

    public record Row(String name, MetricValues metrics) {
    }

    /** The lag of the slowest window and of each window (by label), in records. */
    public record RollupProgress(long pendingRecords, Map<String, Long> windows) {
    }

    public record Table(String groupedBy, String resolution, Instant from, Instant to, String rule, List<Row> rows) {
    }

    @Inject
    RollupStore store;

    @Inject
    Retention retention;

    @Inject
    PromptRegistry registry;

    @Inject
    @ConfigProperty(name = "promptwatch.metrics.min-buckets")
    int minBuckets;

    @Inject
    @ConfigProperty(name = "promptwatch.metrics.max-buckets")
    int maxBuckets;

    public Series series(Filter filter, String windowLabel, Instant from, Instant to) {
        checkRange(from, to);
        if (filter.promptId() != null && filter.tag() != null) {
            throw ProblemException.invalid("tag", "select by promptId or by tag, not both");
        }
        if (filter.version() != null && filter.promptId() == null) {
            throw ProblemException.invalid("version", "a version belongs to a prompt: give promptId as well");
        }
        if (filter.promptId() != null) {
            registry.requireKnown(filter.promptId());
        }
        Instant now = StorableInstants.now();
        Resolution resolution = windowLabel == null
                ? Resolution.choose(from, to, minBuckets, retention, now)
                : Resolution.of(Window.parse(windowLabel).orElseThrow(() -> ProblemException.invalid("window",
                        "must be one of " + Window.labels() + "; got '" + windowLabel + "'")), from, to);
        if (resolution.buckets() > maxBuckets) {
            throw ProblemException.invalid("window", "the range holds " + resolution.buckets() + " buckets of "
                    + resolution.window().label() + "; at most " + maxBuckets + " (promptwatch.metrics.max-buckets): choose a larger window");
        }
        return series(resolution, filter, read(resolution, filter, breakdownFor(filter)), now);
    }

    /**
     * The series {@link #series} answers for each of the prompts (no other filter, default window) over
     * [from, to), read in one query: the overview's sparklines for a page of prompts. Prompts without a
     * bucket in the range get a series without buckets.
     */
    public Map<String, Series> seriesByPrompt(List<String> promptIds, Instant from, Instant to) {
        checkRange(from, to);
        Instant now = StorableInstants.now();
        Resolution resolution = Resolution.choose(from, to, minBuckets, retention, now);
        Map<String, Map<BucketKey, Bucket>> byPrompt = new TreeMap<>();
        promptIds.forEach(id -> byPrompt.put(id, new HashMap<>()));
        store.read(resolution.window(), resolution.from(), resolution.to(), new BucketFilter(Breakdown.PROMPT, promptIds, null, null, null))
                .forEach((key, bucket) -> byPrompt.get(key.promptId()).put(key, bucket));
        Map<String, Series> answer = new TreeMap<>();
        byPrompt.forEach((id, buckets) -> answer.put(id, series(resolution, new Filter(id, null, null, null, null), buckets, now)));
        return answer;
    }

    private Series series(Resolution resolution, Filter filter, Map<BucketKey, Bucket> buckets, Instant now) {
        Map<Instant, Bucket> byStart = group(buckets, BucketKey::start);
        List<WindowMetrics> points = new ArrayList<>();
        byStart.forEach((start, bucket) -> points.add(new WindowMetrics(start, start.plus(resolution.window().length()), bucket.values())));
        return new Series(resolution.window().label(), resolution.from(), resolution.to(), Resolution.RULE,
                retention.horizon(resolution.window(), now), filter, points);
    }

    /** How far the rollups are behind the stored records: the slowest window and each window. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public RollupProgress rollupProgress() {
        Map<Window, Long> behind = store.behind();
        Map<String, Long> windows = new LinkedHashMap<>();
        behind.forEach((window, records) -> windows.put(window.label(), records));
        return new RollupProgress(RollupStore.slowest(behind), windows);
    }

    /**
     * The last record id every window has rolled up (the slowest window's read position). A record at
     * or below it is counted in every window's buckets, so it may leave the execution table (the
     * archive job) without a metric changing, and may come back under the same id (restore) without
     * being counted again: the rollups read only ids above their positions.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long rolledUpThrough() {
        return store.positions().values().stream().mapToLong(Long::longValue).min().orElse(0);
    }

    /** Where the window's kept buckets begin now (older ones have been purged). */
    public Instant retainedFrom(String windowLabel) {
        Window window = Window.parse(windowLabel).orElseThrow(() -> ProblemException.invalid("window",
                "must be one of " + Window.labels() + "; got '" + windowLabel + "'"));
        return retention.horizon(window, StorableInstants.now());
    }

    public Table models(Instant from, Instant to) {
        return table("model", from, to, new Filter(null, null, null, null, null), Breakdown.ACROSS_PROMPTS, BucketKey::model);
    }

    /** Every metric per prompt over [from, to), each prompt's own totals (prompts without a record are absent). */
    public Table prompts(Instant from, Instant to) {
        return table("prompt", from, to, new Filter(null, null, null, null, null), Breakdown.PROMPT, BucketKey::promptId);
    }

    /** Every metric of all prompts' records over [from, to) together: one row named "all", none without records. */
    public Table overall(Instant from, Instant to) {
        return table("all", from, to, new Filter(null, null, null, null, null), Breakdown.ACROSS_PROMPTS, key -> "all");
    }

    public Table versions(String promptId, Instant from, Instant to) {
        if (promptId == null || promptId.isBlank()) {
            throw ProblemException.invalid("promptId", "is required");
        }
        registry.requireKnown(promptId);
        return table("version", from, to, new Filter(promptId, null, null, null, null), Breakdown.VERSION, BucketKey::version);
    }

    /**
     * Buckets that together count the range once, for aggregates: whole buckets of the coarsest
     * window that fits inside the range (and is still kept), its ends as coarse as they fit ({@link #pieces}).
     * A week at 1h resolution reads 6 or 7 day buckets and at most 6 quarter-day and 10 hour buckets per
     * series instead of 168; up to now, its last part since Monday is one week bucket ({@link #lastSlot}).
     */
    public Map<BucketKey, Bucket> buckets(Resolution resolution, Filter filter, Breakdown breakdown) {
        return covered(resolution, bucketFilter(filter, breakdown), true);
    }

    /** As {@link #buckets(Resolution, Filter, Breakdown)} for several prompts at once (no other filter). */
    public Map<BucketKey, Bucket> buckets(Resolution resolution, List<String> promptIds, Breakdown breakdown) {
        return covered(resolution, new BucketFilter(breakdown, promptIds, null, null, null), true);
    }

    /** One version's merged metrics over a span. */
    public record VersionMetrics(String promptId, String version, MetricValues metrics) {
    }

    /**
     * Each version's metrics over [from, to) (minute-aligned), for the given prompts or all ({@code null}),
     * read as {@link #buckets} reads a span but without its last slot (the alert evaluator reads every
     * version's rule windows), and merged per version. Versions without a record in the span are absent.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<VersionMetrics> byVersion(List<String> promptIds, Instant from, Instant to) {
        Map<BucketKey, Bucket> buckets = covered(Resolution.of(Window.MINUTE, from, to),
                new BucketFilter(Breakdown.VERSION, promptIds, null, null, null), false);
        List<VersionMetrics> answer = new ArrayList<>();
        group(buckets, key -> key.promptId() + '\u0000' + key.version()).forEach((name, bucket) -> {
            int cut = name.indexOf('\u0000');
            answer.add(new VersionMetrics(name.substring(0, cut), name.substring(cut + 1), bucket.values()));
        });
        return answer;
    }

    /** One version's hour buckets, by their start. */
    public record VersionHours(String promptId, String version, SortedMap<Instant, MetricValues> hours) {
    }

    /** Each version's hour buckets in [from, to) (hour-aligned), for the given prompts or all ({@code null}). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<VersionHours> hoursByVersion(List<String> promptIds, Instant from, Instant to) {
        Map<String, VersionHours> versions = new TreeMap<>();
        store.read(Window.HOUR, from, to, new BucketFilter(Breakdown.VERSION, promptIds, null, null, null)).forEach((key, bucket) ->
                versions.computeIfAbsent(key.promptId() + '\u0000' + key.version(),
                        k -> new VersionHours(key.promptId(), key.version(), new TreeMap<>())).hours().put(key.start(), bucket.values()));
        return List.copyOf(versions.values());
    }

    /**
     * The buckets counting the range once. With {@code withLastSlot}, a range reaching now first reads its
     * last part as one coarse bucket ({@link #lastSlot}); it is kept if every bucket read holds no record
     * at or after the range's end (a record timed ahead of now, or a bucket stored before its records'
     * times were kept, and the part is read as before). The rest is read as {@link #pieces}. The
     * windows roll up separately, so the coarse bucket may be a roll ahead of or behind the finer ones,
     * as the pieces of a range always may. The alert evaluator's windows are read without: the few
     * buckets at their ends are one query already.
     */
    private Map<BucketKey, Bucket> covered(Resolution resolution, BucketFilter filter, boolean withLastSlot) {
        Instant now = StorableInstants.now();
        Function<Window, Instant> horizon = w -> retention.horizon(w, now);
        Function<Resolution, Map<BucketKey, Bucket>> read = piece -> store.read(piece.window(), piece.from(), piece.to(), filter);
        Map<BucketKey, Bucket> buckets = new HashMap<>();
        Resolution rest = resolution;
        Resolution last = withLastSlot ? lastSlot(resolution, now, horizon) : null;
        if (last != null) {
            Map<BucketKey, Bucket> slot = read.apply(last);
            if (slot.values().stream().allMatch(b -> b.recordsBefore(resolution.to()))) {
                buckets.putAll(slot);
                rest = last.from().isAfter(resolution.from()) ? new Resolution(resolution.window(), resolution.from(), last.from()) : null;
            }
        }
        if (rest != null) {
            pieces(rest, horizon).forEach(piece -> buckets.putAll(read.apply(piece)));
        }
        return buckets;
    }

    /**
     * For a range that reaches now: the bucket of the coarsest window (still kept) that starts inside
     * it and not at its end, whose part of the range, {@code [start, to)}, it may answer for as nothing
     * has been recorded after now. The last 7 days at 1h resolution end with the week since Monday,
     * before it the days, and the quarter days and hours at the start: on a Wednesday at 10:17, 9 buckets
     * per series instead of 30. Null for a range that ends
     * before now, or that no coarser bucket starts inside.
     */
    static Resolution lastSlot(Resolution resolution, Instant now, Function<Window, Instant> horizon) {
        if (resolution.to().isBefore(now)) {
            return null;
        }
        Window[] windows = Window.values();
        for (int i = windows.length - 1; i > resolution.window().ordinal(); i--) {
            Window w = windows[i];
            Instant start = w.floor(resolution.to());
            if (start.isBefore(resolution.to()) && !start.isBefore(resolution.from()) && !start.isBefore(horizon.apply(w))) {
                return new Resolution(w, start, start.plus(w.length()));
            }
        }
        return null;
    }

    /**
     * The pieces that together count {@code resolution}'s range once, the fewest buckets in all (the
     * windows nest): whole buckets of the coarsest window that fits inside it (and is kept there), each
     * end split the same way again down to the resolution's window. The 7 days to 01:00 in hours read
     * 5 hours, three 6h buckets, 6 days and an hour: 15 buckets per series instead of 30. An end that
     * starts before the resolution's window is kept (a span of days read from minutes, which are kept a
     * day) is so read from windows still holding it; only what no window keeps at its own alignment
     * (under an hour at the start of 30 days, at the default retention) stays in the finest one and is
     * missing.
     */
    static List<Resolution> pieces(Resolution resolution, Function<Window, Instant> horizon) {
        Window coarse = null;
        for (Window w : Window.values()) {
            if (w.compareTo(resolution.window()) > 0 && w.ceil(resolution.from()).isBefore(w.floor(resolution.to()))
                    && !w.ceil(resolution.from()).isBefore(horizon.apply(w))) {
                coarse = w;
            }
        }
        if (coarse == null) {
            return List.of(resolution);
        }
        Instant innerFrom = coarse.ceil(resolution.from());
        Instant innerTo = coarse.floor(resolution.to());
        List<Resolution> pieces = new ArrayList<>();
        if (resolution.from().isBefore(innerFrom)) {
            pieces.addAll(pieces(new Resolution(resolution.window(), resolution.from(), innerFrom), horizon));
        }
        pieces.add(new Resolution(coarse, innerFrom, innerTo));
        if (innerTo.isBefore(resolution.to())) {
            pieces.addAll(pieces(new Resolution(resolution.window(), innerTo, resolution.to()), horizon));
        }
        return pieces;
    }

    public Resolution resolve(Instant from, Instant to) {
        checkRange(from, to);
        return Resolution.choose(from, to, minBuckets, retention, StorableInstants.now());
    }

    private Table table(String groupedBy, Instant from, Instant to, Filter filter, Breakdown breakdown,
                        Function<BucketKey, String> groupBy) {
        Resolution resolution = resolve(from, to);
        List<Row> rows = new ArrayList<>();
        group(buckets(resolution, filter, breakdown), groupBy).forEach((name, bucket) -> rows.add(new Row(name, bucket.values())));
        return new Table(groupedBy, resolution.window().label(), resolution.from(), resolution.to(), Resolution.AGGREGATE_RULE, rows);
    }

    /**
     * The breakdown whose buckets answer a filter with the fewest rows: the prompt's totals, its
     * version's or its model's, the full detail when a domain or both version and model are asked
     * for, and the all-prompts buckets without a prompt or tag.
     */
    static Breakdown breakdownFor(Filter filter) {
        if (filter.promptId() == null && filter.tag() == null) {
            return Breakdown.ACROSS_PROMPTS;
        }
        if (filter.domain() != null || filter.version() != null && filter.model() != null) {
            return Breakdown.DETAIL;
        }
        if (filter.version() != null) {
            return Breakdown.VERSION;
        }
        return filter.model() != null ? Breakdown.MODEL : Breakdown.PROMPT;
    }

    private Map<BucketKey, Bucket> read(Resolution resolution, Filter filter, Breakdown breakdown) {
        return store.read(resolution.window(), resolution.from(), resolution.to(), bucketFilter(filter, breakdown));
    }

    private BucketFilter bucketFilter(Filter filter, Breakdown breakdown) {
        List<String> prompts = null;
        if (filter.promptId() != null) {
            prompts = List.of(filter.promptId());
        } else if (filter.tag() != null) {
            prompts = registry.prompts().stream().filter(p -> p.tags().contains(filter.tag())).map(Prompt::id).toList();
        }
        return new BucketFilter(breakdown, prompts, filter.version(), filter.model(), filter.domain());
    }

    /**
     * Buckets merged per group, groups in their natural order. Each group's first bucket takes the
     * others in (the buckets are the caller's, freshly read): a group of one is not copied. Buckets are
     * merged in key order ({@link BucketKey#ORDER}), not in the map's: sums of doubles depend on the
     * order they are added in, and a group must come out the same to the last digit whether it was read
     * alone (one prompt's summary) or among others (a page of summaries).
     */
    public static <K extends Comparable<K>> Map<K, Bucket> group(Map<BucketKey, Bucket> buckets, Function<BucketKey, K> by) {
        Map<K, Bucket> groups = new TreeMap<>();
        buckets.entrySet().stream().sorted(Map.Entry.comparingByKey(BucketKey.ORDER))
                .forEach(e -> groups.merge(by.apply(e.getKey()), e.getValue(), (first, next) -> {
                    first.merge(next);
                    return first;
                }));
        return groups;
    }

    private static void checkRange(Instant from, Instant to) {
        if (from == null) {
            throw ProblemException.invalid("from", "is required (ISO-8601 instant)");
        }
        if (to == null) {
            throw ProblemException.invalid("to", "is required (ISO-8601 instant)");
        }
        if (!from.isBefore(to)) {
            throw ProblemException.invalid("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(Duration.ofDays(3660)) > 0) {
            throw ProblemException.invalid("from", "the range may span at most ten years");
        }
    }
}
