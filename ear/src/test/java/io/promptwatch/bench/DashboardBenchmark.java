package io.promptwatch.bench;

import io.promptwatch.it.Api;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import java.io.File;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Benchmark of the dashboard's overview over a large store (issue 20: "Overview of a store with 1 M records
 * renders in ≤ 1 s", measured, not asserted). Stores {@code bench.dashboard-records} records
 * ({@link RecordGenerator}: the last 7 days, hash mode) of {@code bench.dashboard-prompts} prompts through the
 * batch API from {@code bench.threads} clients and waits for the rollups; then (1) times the API calls behind
 * the overview: {@code GET /summaries} for its first page (default size) and for every prompt at once
 * ({@code limit} = the prompts), against what the overview did before /summaries existed, per prompt
 * {@code /prompts/{id}/summary} then {@code /metrics?promptId&from&to}, four prompts at a time, for the same
 * first page and for every prompt (the old page drew them all); (2) opens {@code /ui/} in headless Chromium
 * (Debian's chromium and chromedriver on the PATH, as DashboardIT), signs in with a viewer key and loads the
 * overview {@code bench.dashboard-loads} times per period (24 h and 7 d) with the browser's cache cleared
 * before each load (cold) and as many times without (warm), each figure the time from navigation start to
 * the page's {@code pw:overview-drawn} performance mark (the first frame with the cards), with the
 * /summaries request's own time from the browser's resource timing. Prints a table and writes
 * {@code target/benchmark-dashboard.json}.
 * Run: {@code ./mvnw -B verify -Pbenchmark -Dbench.only=dashboard} (see README "Performance").
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "bench.only", matches = "all|dashboard")
class DashboardBenchmark {

    private static final long RECORDS = Long.getLong("bench.dashboard-records", 1_000_000);
    private static final int PROMPTS = Integer.getInteger("bench.dashboard-prompts", 500);
    private static final int LOADS = Integer.getInteger("bench.dashboard-loads", 5);
    private static final int CALLS = Integer.getInteger("bench.calls", 20);
    private static final int THREADS = Integer.getInteger("bench.threads", 4);
    private static final int ROLLUP_TIMEOUT_SECONDS = Integer.getInteger("bench.rollup-timeout-seconds", 1800);
    private static final long SEED = Long.getLong("bench.seed", 42);
    /** Prompts the old overview asked for at once (its inBatches(list, 4, ...)). */
    private static final int OLD_CONCURRENCY = 4;
    private static final double TARGET_MS = 1000;
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Path RESULTS = Path.of("target/benchmark-dashboard.json");
    private static final JsonProvider JSON = JsonProvider.provider();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Api.ear();
    }

    @Test
    void run() throws Exception {
        Path chromium = onPath("chromium", "chromium-browser", "google-chrome").orElseThrow(() -> new IllegalStateException(
                "no chromium on the PATH: apt-get install -y chromium chromium-driver"));
        Path chromedriver = onPath("chromedriver").orElseThrow(() -> new IllegalStateException(
                "no chromedriver on the PATH: apt-get install -y chromium chromium-driver"));
        Api admin = Api.admin();
        Calls.awaitRollups(admin, ROLLUP_TIMEOUT_SECONDS);
        List<String> prompts = IntStream.range(0, PROMPTS).mapToObj(i -> Api.unique("dash-bench")).toList();
        RecordGenerator generator = new RecordGenerator(SEED, prompts, RECORDS);
        Api operator = Api.as(Api.newKey("operator"));
        long start = System.nanoTime();
        // One client: prompts registered from several at once met Derby lock timeouts (503) on 2026-12-03.
        generator.register(operator);
        System.out.printf("[progress] %d prompts registered in %.1f s%n", PROMPTS, (System.nanoTime() - start) / 1e9);
        start = System.nanoTime();
        long stored = Calls.batchIngest(Api.as(Api.newKey("ingest")), generator, RECORDS, THREADS);
        double ingestSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("[progress] %,d records ingested at %,.0f records/s%n", stored, stored / ingestSeconds);
        double drainSeconds = Calls.awaitRollups(admin, ROLLUP_TIMEOUT_SECONDS);
        System.out.printf("[progress] rollups caught up after %.1f s%n", drainSeconds);

        String viewerKey = Api.newKey("viewer");
        Api viewer = Api.as(viewerKey);
        JsonObjectBuilder api = JSON.createObjectBuilder();
        for (String period : List.of("24h", "7d")) {
            api.add(period, apiFigures(viewer, period));
        }
        JsonObjectBuilder browser = JSON.createObjectBuilder();
        WebDriver driver = open(chromium, chromedriver);
        try {
            signIn(driver, viewerKey);
            for (String period : List.of("24h", "7d")) {
                List<Load> cold = new ArrayList<>();
                List<Load> warm = new ArrayList<>();
                for (int i = 0; i < LOADS; i++) {
                    ((ChromeDriver) driver).executeCdpCommand("Network.clearBrowserCache", Map.of());
                    cold.add(load(driver, period));
                    System.out.printf("[progress] %s cold load %d: %s%n", period, i + 1, cold.get(i));
                }
                for (int i = 0; i < LOADS; i++) {
                    warm.add(load(driver, period));
                    System.out.printf("[progress] %s warm load %d: %s%n", period, i + 1, warm.get(i));
                }
                browser.add(period, JSON.createObjectBuilder().add("cold", loads(cold)).add("warm", loads(warm)));
            }
        } finally {
            driver.quit();
        }

        JsonObject results = JSON.createObjectBuilder()
                .add("recordsStored", stored)
                .add("prompts", PROMPTS)
                .add("ingestRecordsPerSec", Math.round(stored / ingestSeconds))
                .add("rollupDrainSeconds", round(drainSeconds, 1))
                .add("api", api)
                .add("overviewRender", browser)
                .add("targetMs", TARGET_MS)
                .add("machine", JSON.createObjectBuilder()
                        .add("cores", Runtime.getRuntime().availableProcessors())
                        .add("date", LocalDate.now().toString())
                        .add("java", System.getProperty("java.version")))
                .add("parameters", JSON.createObjectBuilder().add("records", RECORDS).add("prompts", PROMPTS)
                        .add("loads", LOADS).add("calls", CALLS).add("threads", THREADS).add("seed", SEED))
                .build();
        System.out.println(table(results));
        try (Writer out = Files.newBufferedWriter(RESULTS, StandardCharsets.UTF_8)) {
            JSON.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out).write(results);
        }
    }

    /**
     * The overview's calls for one period: /summaries for the first page and for every prompt, against the
     * per-prompt calls of the old overview for the same prompts.
     */
    private static JsonObjectBuilder apiFigures(Api viewer, String period) throws Exception {
        Latencies firstPage = Calls.time(CALLS, i -> viewer.get("/api/v1/summaries?period=" + period));
        JsonObject page = Calls.ok(viewer.get("/api/v1/summaries?period=" + period)).object();
        List<String> pageIds = page.getJsonArray("items").stream().map(v -> v.asJsonObject().getString("promptId")).toList();
        Latencies everyPrompt = Calls.time(Math.max(3, CALLS / 4),
                i -> viewer.get("/api/v1/summaries?period=" + period + "&limit=" + Math.max(PROMPTS, pageIds.size())));
        Latencies oldPage = oldOverview(viewer, period, pageIds, Math.max(3, CALLS / 4));
        List<String> all = Calls.ok(viewer.get("/api/v1/prompts")).array().stream()
                .map(v -> v.asJsonObject().getString("id")).toList();
        Latencies oldAll = oldOverview(viewer, period, all, 1);
        System.out.printf("[progress] %s: /summaries page of %d p50 %.0f ms; all %d prompts p50 %.0f ms; old per-prompt "
                        + "calls for the page p50 %.0f ms, for all %d prompts p50 %.0f ms%n", period, pageIds.size(),
                firstPage.percentile(50), PROMPTS, everyPrompt.percentile(50), oldPage.percentile(50), all.size(),
                oldAll.percentile(50));
        return JSON.createObjectBuilder()
                .add("summariesFirstPage", latencies(firstPage).add("prompts", pageIds.size()))
                .add("summariesEveryPrompt", latencies(everyPrompt).add("prompts", PROMPTS))
                .add("oldCallsFirstPage", latencies(oldPage).add("prompts", pageIds.size()).add("calls", 2 * pageIds.size()))
                .add("oldCallsEveryPrompt", latencies(oldAll).add("prompts", all.size()).add("calls", 2 * all.size()));
    }

    /**
     * What the overview did before GET /summaries, timed {@code runs} times after one warm-up: for each prompt
     * its summary, then the /metrics series of the summary's period, {@value #OLD_CONCURRENCY} prompts at a time.
     */
    private static Latencies oldOverview(Api viewer, String period, List<String> prompts, int runs) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(OLD_CONCURRENCY);
        try {
            double[] ms = new double[runs];
            for (int run = -1; run < runs; run++) {
                long start = System.nanoTime();
                for (int i = 0; i < prompts.size(); i += OLD_CONCURRENCY) {
                    List<Future<?>> batch = new ArrayList<>();
                    for (String id : prompts.subList(i, Math.min(prompts.size(), i + OLD_CONCURRENCY))) {
                        batch.add(clients.submit(() -> {
                            JsonObject summary = Calls.ok(viewer.get("/api/v1/prompts/" + id + "/summary?period=" + period)).object();
                            Calls.ok(viewer.get("/api/v1/metrics?promptId=" + id + "&from=" + summary.getString("from")
                                    + "&to=" + summary.getString("to")));
                            return null;
                        }));
                    }
                    for (Future<?> f : batch) {
                        f.get();
                    }
                }
                if (run >= 0) {
                    ms[run] = (System.nanoTime() - start) / 1e6;
                }
            }
            return Latencies.of(ms);
        } finally {
            clients.shutdownNow();
        }
    }

    private static WebDriver open(Path chromium, Path chromedriver) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory("dashboard-bench-chromium"), "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static void signIn(WebDriver driver, String key) {
        driver.get(Api.BASE + "/ui/");
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key"))).sendKeys(key);
        driver.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("who")));
    }

    /** One load of the overview: navigation start to the drawn mark, the /summaries request, the cards drawn. */
    private record Load(double drawnMs, double summariesMs, double summariesBytes, long cards) {
        @Override
        public String toString() {
            return String.format("drawn at %.0f ms (/summaries %.0f ms, %.0f kB), %d cards", drawnMs, summariesMs,
                    summariesBytes / 1024, cards);
        }
    }

    /** Loads the overview afresh (the document reloaded; the key stays in the tab's sessionStorage) and reads its timings. */
    private static Load load(WebDriver driver, String period) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript("location.hash = arguments[0]", "#/overview?period=" + period);
        driver.navigate().refresh();
        new WebDriverWait(driver, WAIT).until(d -> js.executeScript(
                "return performance.getEntriesByName('pw:overview-drawn', 'mark').length > 0"));
        @SuppressWarnings("unchecked")
        Map<String, Object> t = (Map<String, Object>) js.executeScript("""
                const drawn = performance.getEntriesByName('pw:overview-drawn', 'mark')[0];
                const call = performance.getEntriesByType('resource').find(r => r.name.includes('/api/v1/summaries'));
                return {drawn: drawn.startTime, summaries: call ? call.duration : -1,
                        bytes: call ? call.encodedBodySize : -1,
                        cards: document.querySelectorAll('#prompts section[data-prompt]').length};""");
        return new Load(((Number) t.get("drawn")).doubleValue(), ((Number) t.get("summaries")).doubleValue(),
                ((Number) t.get("bytes")).doubleValue(), ((Number) t.get("cards")).longValue());
    }

    private static JsonObjectBuilder loads(List<Load> loads) {
        Latencies drawn = Latencies.of(loads.stream().mapToDouble(Load::drawnMs).toArray());
        Latencies call = Latencies.of(loads.stream().mapToDouble(Load::summariesMs).toArray());
        JsonArray each = JSON.createArrayBuilder(loads.stream().map(l -> round(l.drawnMs(), 0)).toList()).build();
        return JSON.createObjectBuilder().add("drawnP50Ms", round(drawn.percentile(50), 0)).add("drawnMaxMs", round(drawn.max(), 0))
                .add("drawnMs", each).add("summariesCallP50Ms", round(call.percentile(50), 0))
                .add("summariesKb", round(loads.get(0).summariesBytes() / 1024, 0)).add("cards", loads.get(0).cards())
                .add("toTarget", round(drawn.percentile(50) / TARGET_MS, 2));
    }

    private static JsonObjectBuilder latencies(Latencies l) {
        return JSON.createObjectBuilder().add("p50Ms", round(l.percentile(50), 1)).add("maxMs", round(l.max(), 1))
                .add("n", l.sortedMs().length);
    }

    private static String table(JsonObject r) {
        StringBuilder out = new StringBuilder(String.format("%nDashboard overview, %,d records of %d prompts (ingest %,d records/s, "
                + "rollups caught up after %.1f s)%n", r.getJsonNumber("recordsStored").longValue(), r.getInt("prompts"),
                r.getJsonNumber("ingestRecordsPerSec").longValue(), r.getJsonNumber("rollupDrainSeconds").doubleValue()));
        out.append(String.format("%-58s %12s %12s%n", "What", "p50 (ms)", "max (ms)"));
        for (String period : List.of("24h", "7d")) {
            JsonObject render = r.getJsonObject("overviewRender").getJsonObject(period);
            for (String kind : List.of("cold", "warm")) {
                JsonObject k = render.getJsonObject(kind);
                out.append(String.format("%-58s %12.0f %12.0f%n", String.format("%s overview drawn, %s (%d cards, %d kB)", period,
                                kind, k.getInt("cards"), k.getInt("summariesKb")),
                        k.getJsonNumber("drawnP50Ms").doubleValue(), k.getJsonNumber("drawnMaxMs").doubleValue()));
            }
            JsonObject api = r.getJsonObject("api").getJsonObject(period);
            for (String call : List.of("summariesFirstPage", "summariesEveryPrompt", "oldCallsFirstPage", "oldCallsEveryPrompt")) {
                JsonObject c = api.getJsonObject(call);
                out.append(String.format("%-58s %12.1f %12.1f%n", String.format("%s %s (%d prompts)", period, call, c.getInt("prompts")),
                        c.getJsonNumber("p50Ms").doubleValue(), c.getJsonNumber("maxMs").doubleValue()));
            }
        }
        return out.toString();
    }

    /** The first of these programs found in a directory of the PATH. */
    private static Optional<Path> onPath(String... names) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String name : names) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static double round(double value, int places) {
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }
}
