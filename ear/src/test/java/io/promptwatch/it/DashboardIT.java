package io.promptwatch.it;

import static io.promptwatch.it.Fixtures.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard at /ui/ in a real headless Chromium (Debian's chromium and chromedriver, found on the
 * PATH; without them every test here is skipped, loudly) against the real server: sign-in and the
 * role's buttons, a deploy and a rollback done by clicking, checked through the API; alerts
 * acknowledged and resolved from the page; the overview's figures against the API's for the same
 * period; screenshots of every page at 1280 and 390 pixels under target/screenshots.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Api.ear();
    }

    static final String INSTALL = "apt-get update && apt-get install -y chromium chromium-driver";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static Path chromium;
    private static Path chromedriver;
    private static String viewerKey;
    private static String operatorKey;
    private static String operatorName;
    private static String lifecyclePrompt;
    private static String overviewPrompt;
    private static String alertsPrompt;
    private static String comparePrompt;
    private static long exportExecution;
    private static String reportPrompt;
    private static long reportId;

    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    static void browserAndData() {
        chromium = onPath("chromium", "chromium-browser").orElse(null);
        chromedriver = onPath("chromedriver").orElse(null);
        if (chromium == null || chromedriver == null) {
            String missing = (chromium == null ? "chromium " : "") + (chromedriver == null ? "chromedriver" : "");
            String message = "DashboardIT SKIPPED: " + missing.trim() + " not on the PATH. The browser tests need Debian's "
                    + "packages; as root: " + INSTALL;
            System.err.println("\n" + "!".repeat(100) + "\n!! " + message + "\n" + "!".repeat(100) + "\n");
            Assumptions.abort(message);
        }
        Api admin = Api.admin();
        viewerKey = Api.newKey("viewer");
        JsonObject operator = expect(201, admin.post("/api/v1/keys", "{\"name\":\"" + Api.unique("dashboard-operator")
                + "\",\"roles\":[\"operator\"]}")).object();
        operatorKey = operator.getString("key");
        operatorName = operator.getString("name");
        Api operatorApi = Api.as(operatorKey);

        // A prompt with 1.0.0 active and 1.1.0 staged, for deploying and rolling back by hand.
        lifecyclePrompt = Fixtures.activePrompt(operatorApi, null);
        expect(201, operatorApi.post("/api/v1/prompts/" + lifecyclePrompt + "/versions", "{\"version\":\"1.1.0\",\"text\":\"Better: {{q}}\"}"));
        expect(200, operatorApi.post("/api/v1/prompts/" + lifecyclePrompt + "/versions/1.1.0/stage", null));
        expect(201, operatorApi.post("/api/v1/prompts/" + lifecyclePrompt + "/versions", "{\"version\":\"1.2.0\",\"text\":\"Draft: {{q}}\"}"));

        // Long unbroken names as other clients store them (a 64-character prompt id, a 120-character prompt name, a
        // 200-character key name), with a firing alert: no page may grow wider than a phone's screen because of them.
        String longPrompt = (Api.unique("long") + "-" + "x".repeat(64)).substring(0, 64);
        expect(201, operatorApi.post("/api/v1/prompts", "{\"id\":\"" + longPrompt + "\",\"name\":\"" + "N".repeat(120) + "\"}"));
        expect(201, operatorApi.post("/api/v1/prompts/" + longPrompt + "/versions", "{\"version\":\"1.0.0\",\"text\":\"Long: {{q}}\"}"));
        expect(200, operatorApi.post("/api/v1/prompts/" + longPrompt + "/versions/1.0.0/stage", null));
        expect(200, operatorApi.post("/api/v1/prompts/" + longPrompt + "/versions/1.0.0/deploy", "{\"reason\":\"test\"}"));
        expect(201, admin.post("/api/v1/keys", "{\"name\":\"" + "k".repeat(200) + "\",\"roles\":[\"viewer\"]}"));
        // ... and 16 models of its own: the matrix is wider than any screen, with empty cells far right for every other prompt.
        JsonArrayBuilder wide = Json.createArrayBuilder();
        for (int i = 0; i < 16; i++) {
            wide.add(Fixtures.record(Api.unique("wide"), longPrompt, Instant.now().minusSeconds(120 + i))
                    .add("model", String.format("a-rather-long-model-name-%02d", i)));
        }
        expect(200, Api.as(Api.newKey("ingest")).post("/api/v1/executions/batch", wide.build().toString()));

        // A prompt with records in the last hour, the hour before, the last day, the day before and the week before: every
        // period of the picker has a current and a previous value, so that its deltas are real numbers.
        overviewPrompt = Fixtures.activePrompt(operatorApi, null);
        Api ingest = Api.as(Api.newKey("ingest"));
        Instant now = Instant.now();
        ingest(ingest, overviewPrompt, now.minus(Duration.ofMinutes(20)), 40, 2, 700);
        ingest(ingest, overviewPrompt, now.minus(Duration.ofMinutes(80)), 30, 4, 900);
        ingest(ingest, overviewPrompt, now.minus(Duration.ofHours(5)), 20, 1, 800);
        ingest(ingest, overviewPrompt, now.minus(Duration.ofHours(30)), 25, 5, 1100);
        ingest(ingest, overviewPrompt, now.minus(Duration.ofDays(9)), 15, 3, 1300);

        // A prompt with 1.0.0 active and 1.1.0 staged, 30 records each, whose quality scores differ by about 0.05.
        comparePrompt = Fixtures.activePrompt(operatorApi, null);
        expect(201, operatorApi.post("/api/v1/prompts/" + comparePrompt + "/versions", "{\"version\":\"1.1.0\",\"text\":\"New: {{q}}\"}"));
        expect(200, operatorApi.post("/api/v1/prompts/" + comparePrompt + "/versions/1.1.0/stage", null));
        JsonArrayBuilder compared = Json.createArrayBuilder();
        for (int i = 0; i < 60; i++) {
            String version = i % 2 == 0 ? "1.0.0" : "1.1.0";
            double quality = (version.equals("1.0.0") ? 0.5 : 0.55) + (i / 2 % 5) / 10.0 + (i % 7) / 100.0;
            compared.add(Fixtures.record(Api.unique("cmp"), comparePrompt, now.minusSeconds(60 + i)).add("version", version)
                    .add("model", i % 3 == 0 ? "claude-3-haiku" : "gpt-4o-mini")
                    .add("qualityScore", quality).add("success", i % 6 != 1));
        }
        Api.Reply comparedReply = expect(200, ingest.post("/api/v1/executions/batch", compared.build().toString()));
        assertTrue(comparedReply.array().stream().allMatch(r -> "accepted".equals(r.asJsonObject().getString("status"))),
                comparedReply::toString);

        // A prompt with 30 records yesterday (UTC) from 10:00 on, 3 of them failed, for its daily report.
        reportPrompt = Fixtures.activePrompt(operatorApi, null);
        ingest(ingest, reportPrompt, yesterday().atStartOfDay().toInstant(ZoneOffset.UTC).plus(Duration.ofHours(10)), 30, 3, 600);

        // A prompt whose records break two alert rules of its own: one alert to handle, one left firing.
        alertsPrompt = Fixtures.activePrompt(operatorApi, null);
        ingest(ingest, alertsPrompt, now.minusSeconds(30), 40, 12, 2500);
        Fixtures.awaitRolledUp(Api.as(viewerKey));
        for (String[] rule : new String[][] {{"error_rate", "0.1", "critical"}, {"latency_p95", "1000", "warning"}}) {
            expect(201, admin.post("/api/v1/alert-rules", Json.createObjectBuilder()
                    .add("name", "dashboard " + rule[0] + " " + alertsPrompt).add("metric", rule[0]).add("comparison", ">")
                    .add("threshold", Double.parseDouble(rule[1])).add("window", "5m").add("minSamples", 20)
                    .add("severity", rule[2]).add("actions", Json.createArrayBuilder().add("alert"))
                    .add("promptId", alertsPrompt).build().toString()));
        }
        expect(200, admin.post("/api/v1/alerts/evaluations?at=" + now.plus(Duration.ofMinutes(1)), null));
        assertEquals(2, alerts(Api.as(viewerKey), "firing").size(), "both rules of the alerts prompt fire");
    }

    static LocalDate yesterday() {
        return LocalDate.now(ZoneOffset.UTC).minusDays(1);
    }

    /** n records of promptId around at (one a second back from it), failures of them failed, latency about latencyMs. */
    private static void ingest(Api ingest, String promptId, Instant at, int n, int failures, double latencyMs) {
        JsonArrayBuilder batch = Json.createArrayBuilder();
        for (int i = 0; i < n; i++) {
            boolean failed = i < failures;
            var record = Fixtures.record(Api.unique("dash"), promptId, at.minusSeconds(i))
                    .add("latencyMs", latencyMs + 10 * i)
                    .add("success", !failed)
                    .add("qualityScore", 0.5 + (i % 5) / 10.0)
                    .add("userFeedback", 1 + i % 5)
                    .add("cost", 0.0004 + i / 100000.0);
            if (failed) {
                record.add("errorType", i % 2 == 0 ? "timeout" : "rate_limit");
            }
            batch.add(record);
        }
        Api.Reply reply = expect(200, ingest.post("/api/v1/executions/batch", batch.build().toString()));
        assertTrue(reply.array().stream().allMatch(r -> "accepted".equals(r.asJsonObject().getString("status"))), reply::toString);
    }

    /** The alerts of this test's own two rules on the alerts prompt (the shipped rules fire there too). */
    private static List<JsonObject> alerts(Api api, String state) {
        return expect(200, api.get("/api/v1/alerts?state=" + state + "&promptId=" + alertsPrompt)).object()
                .getJsonArray("alerts").getValuesAs(JsonObject.class).stream()
                .filter(a -> a.getString("ruleName", "").startsWith("dashboard ")).toList();
    }

    /** The first of these programs found in a directory of the PATH. */
    static Optional<Path> onPath(String... names) {
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

    private void open(int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        try {
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--user-data-dir=" + Files.createTempDirectory("dashboard-it-chromium"),
                    "--window-size=" + Math.max(width, 500) + "," + height);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, WAIT);
        viewport(width, height);
    }

    /**
     * The page's viewport, exactly: a headless window is never narrower than 500 px, so a phone's 390 px
     * is emulated (as a mobile viewport) rather than asked of the window.
     */
    private void viewport(int width, int height) {
        ((ChromeDriver) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width,
                "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private void signIn(String key) {
        browser.get(Api.BASE + "/ui/");
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
        input.sendKeys(key);
        browser.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("who")));
        assertFalse(browser.getCurrentUrl().contains(key), "the key never goes into the URL");
        assertEquals(key, js("return sessionStorage.getItem('promptwatch.key')"), "the key is kept in sessionStorage");
        assertTrue(browser.manage().getCookies().isEmpty(), () -> "no cookie: " + browser.manage().getCookies());
    }

    /** Goes to a route of the dashboard (the fragment only: the page is not reloaded, the key stays). */
    private void go(String route) {
        js("window.location.hash = arguments[0]", route);
    }

    private WebElement await(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    @Test
    @Order(1)
    void aViewerSeesNoLifecycleButtonsAndSigningOutForgetsTheKey() {
        open(1280, 1000);
        signIn(viewerKey);
        assertEquals("viewer", browser.findElement(By.id("who-roles")).getText());
        go("#/prompts/" + lifecyclePrompt);
        await("tr[data-version='1.1.0'][data-status='staged']");
        assertEquals(List.of(), browser.findElements(By.cssSelector("[data-action]")),
                "a viewer is offered no stage, deploy, deprecate or rollback button");
        assertEquals("1.0.0", browser.findElement(By.id("active-version")).getText());

        // Keyboard only: from the top of the page, Tab reaches the navigation, Enter follows it.
        js("document.getElementById('skip').focus()");
        List<String> reached = new ArrayList<>(List.of(browser.switchTo().activeElement().getText()));
        for (int i = 0; i < 8 && !reached.contains("Alerts"); i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            reached.add(browser.switchTo().activeElement().getText());
        }
        assertTrue(reached.containsAll(List.of("Skip to content", "Overview", "Alerts")), reached::toString);
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        await("table.alerts");
        assertTrue(browser.getCurrentUrl().endsWith("#/alerts"), browser.getCurrentUrl());
        assertEquals(List.of(), browser.findElements(By.cssSelector("[data-action]")), "nor alert buttons");
        assertFalse(browser.findElement(By.cssSelector("#nav a[data-page='keys']")).isDisplayed(), "no Keys page for a viewer");
        go("#/keys");
        await("#keys-refused");
        assertTrue(browser.findElements(By.id("key-form")).isEmpty(), "nor its form at its address");
        go("#/jobs");
        await("section[data-job='export']");
        assertEquals(List.of(), browser.findElements(By.cssSelector("form.start, [data-action]")), "a viewer starts no job");
        go("#/reports");
        await("#rp-list[data-pages]");
        assertEquals(List.of(), browser.findElements(By.cssSelector("#rp-generate-form, #rp-generate")), "a viewer generates no report");

        browser.findElement(By.id("sign-out")).click();
        await("#api-key");
        assertNull(js("return sessionStorage.getItem('promptwatch.key')"), "signing out forgets the key");
        assertFalse(browser.findElement(By.id("who")).isDisplayed());
    }

    @Test
    @Order(2)
    void anOperatorDeploysAndRollsBackFromThePage() {
        open(1280, 1000);
        signIn(operatorKey);
        go("#/prompts/" + lifecyclePrompt);
        await("tr[data-version='1.2.0'] [data-action='stage']");
        assertEquals(List.of(), browser.findElements(By.cssSelector("tr[data-version='1.0.0'] [data-action]")),
                "the active version has no move of its own (roll back is the prompt's)");

        // Deploy 1.1.0: the dialog refuses to go on without a reason, then deploys with one.
        browser.findElement(By.cssSelector("tr[data-version='1.1.0'] [data-action='deploy']")).click();
        await("#confirm[open] #confirm-reason");
        browser.findElement(By.id("confirm-ok")).click();
        assertEquals("A reason is required.", await("#confirm-error").getText());
        assertEquals("1.0.0", activeVersion(Api.as(viewerKey)), "nothing was deployed without a reason");
        String deployReason = "dashboard test: " + Api.unique("deploy");
        browser.findElement(By.id("confirm-reason")).sendKeys(deployReason);
        browser.findElement(By.id("confirm-ok")).click();
        wait.until(ExpectedConditions.textToBe(By.id("active-version"), "1.1.0"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm")));

        Api viewer = Api.as(viewerKey);
        assertEquals("1.1.0", activeVersion(viewer));
        JsonObject deployed = lastEvent(viewer, "deploy");
        assertEquals("1.1.0", deployed.getString("version"));
        assertEquals(deployReason, deployed.getString("reason"));
        assertEquals(operatorName, deployed.getString("actor"), "the API key's name is the actor");
        await("tr[data-event='deploy'] td.reason");
        assertTrue(browser.findElement(By.cssSelector("table.events")).getText().contains(deployReason),
                "the page's audit events show the deploy");

        // Roll back to 1.0.0, the rollback reference the deploy set.
        String rollbackReason = "dashboard test: " + Api.unique("rollback");
        await("[data-action='rollback']").click();
        await("#confirm[open] #confirm-reason").sendKeys(rollbackReason);
        browser.findElement(By.id("confirm-ok")).click();
        wait.until(ExpectedConditions.textToBe(By.id("active-version"), "1.0.0"));

        assertEquals("1.0.0", activeVersion(viewer));
        JsonObject rolledBack = lastEvent(viewer, "rollback");
        assertEquals(rollbackReason, rolledBack.getString("reason"));
        assertEquals(operatorName, rolledBack.getString("actor"));
        assertEquals("deprecated", expect(200, viewer.get("/api/v1/prompts/" + lifecyclePrompt + "/versions/1.1.0")).object()
                .getString("status"), "the rolled-back version is deprecated");
        await("tr[data-version='1.1.0'][data-status='deprecated']");
        assertEquals(List.of(), browser.findElements(By.cssSelector("tr[data-version='1.1.0'] [data-action]")));
    }

    private static String activeVersion(Api api) {
        return expect(200, api.get("/api/v1/prompts/" + lifecyclePrompt + "/active")).object().getString("version");
    }

    private static JsonObject lastEvent(Api api, String action) {
        List<JsonObject> events = expect(200, api.get("/api/v1/prompts/" + lifecyclePrompt + "/events")).array()
                .getValuesAs(JsonObject.class).stream().filter(e -> action.equals(e.getString("action"))).toList();
        assertFalse(events.isEmpty(), "no " + action + " event");
        return events.get(events.size() - 1);
    }

    @Test
    @Order(3)
    void anOperatorAcknowledgesAndResolvesAnAlert() {
        open(1280, 1000);
        signIn(operatorKey);
        Api viewer = Api.as(viewerKey);
        JsonObject errors = alerts(viewer, "firing").stream().filter(a -> "error_rate".equals(a.getString("metric")))
                .findFirst().orElseThrow();
        String row = "tr[data-alert='" + errors.getString("id") + "']";
        go("#/alerts?state=firing");
        await(row + " [data-action='acknowledge']").click();
        await("#confirm[open] #confirm-reason").sendKeys("looking into it");
        browser.findElement(By.id("confirm-ok")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(row)));

        JsonObject acknowledged = expect(200, viewer.get("/api/v1/alerts/" + errors.getString("id"))).object().getJsonObject("alert");
        assertEquals("acknowledged", acknowledged.getString("state"));
        assertEquals(operatorName, acknowledged.getString("acknowledgedBy"));
        assertEquals("looking into it", acknowledged.getString("acknowledgeNote"));

        go("#/alerts?state=acknowledged");
        await("button[data-state='acknowledged'][aria-pressed='true']");
        await(row + " [data-action='resolve']").click();
        await("#confirm[open] #confirm-ok").click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(row)));
        JsonObject resolved = expect(200, viewer.get("/api/v1/alerts/" + errors.getString("id"))).object().getJsonObject("alert");
        assertEquals("resolved", resolved.getString("state"));
        assertEquals(operatorName, resolved.getString("resolvedBy"));
        assertEquals(1, alerts(viewer, "firing").size(), "the latency alert is still firing");
    }

    /**
     * Every figure of the overview's card for a prompt, in each period of the picker, is the API's value
     * for that period (same period bounds): the prompt's entry of GET /summaries, which the page reads,
     * itself equal to the prompt's own /summary; as a number in the tile's data-value and, for the volume,
     * as the text shown; the deltas are the summary's, the sparklines hold the entry's values. The prompt's
     * card is reached with "More prompts" when the suite's other prompts fill the first pages. The firing
     * alerts on top are the API's.
     */
    @Test
    @Order(4)
    void theOverviewShowsTheApisFiguresForEachPeriod() {
        open(1280, 1000);
        signIn(viewerKey);
        Api viewer = Api.as(viewerKey);
        go("#/overview");
        for (String period : List.of("24h", "1h", "7d")) {
            await("button[data-period='" + period + "']").click();
            String card = "#prompts[data-period='" + period + "'] section[data-prompt='" + overviewPrompt + "']";
            JsonObject entry = null;
            JsonObject summary = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                WebElement section = overviewCard(period, overviewPrompt);
                JsonObject page = summariesPageOf(viewer, period, overviewPrompt);
                entry = page.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                        .filter(e -> e.getString("promptId").equals(overviewPrompt)).findFirst().orElseThrow();
                summary = expect(200, viewer.get("/api/v1/prompts/" + overviewPrompt + "/summary?period=" + period)).object();
                if (page.getString("from").equals(section.getDomAttribute("data-from"))
                        && summary.getString("from").equals(page.getString("from"))) {
                    break;
                }
                // A bucket boundary passed between the page's request and ours: ask the page again.
                entry = null;
                await("button[data-period='" + (period.equals("1h") ? "24h" : "1h") + "']").click();
                await("button[data-period='" + period + "']").click();
            }
            assertNotNull(entry, "the page and the API never agreed on the period's bounds");
            assertEquals(summary.getJsonObject("total"), entry.getJsonObject("total"), period + ": /summaries and /summary agree");
            JsonObject answer = entry;
            JsonObject current = entry.getJsonObject("total").getJsonObject("current");
            Map<String, JsonObject> deltas = new java.util.HashMap<>();
            entry.getJsonObject("total").getJsonArray("deltas").getValuesAs(JsonObject.class)
                    .forEach(d -> deltas.put(d.getString("metric"), d));
            assertTrue(current.getInt("executions") > 0 && deltas.get("executions").getJsonNumber("previous").doubleValue() > 0,
                    () -> period + ": both periods hold records: " + answer);
            JsonObject sparklines = entry.getJsonObject("sparklines").getJsonObject("values");
            for (String metric : List.of("executions", "successRate", "latencyP50Ms", "latencyP95Ms", "qualityAvg",
                    "feedbackAvg", "costSum")) {
                WebElement tile = browser.findElement(By.cssSelector(card + " .tile[data-metric='" + metric + "']"));
                WebElement value = tile.findElement(By.cssSelector(".value"));
                WebElement delta = tile.findElement(By.cssSelector(".delta"));
                assertEquals(number(current.get(metric)), parse(value.getDomAttribute("data-value")), period + " " + metric);
                JsonObject d = deltas.get(metric);
                assertEquals(number(d.get("absolute")), parse(delta.getDomAttribute("data-absolute")), period + " delta " + metric);
                assertEquals(number(d.get("relative")), parse(delta.getDomAttribute("data-relative")), period + " relative " + metric);
                assertFalse(tile.findElements(By.cssSelector("svg.spark polyline, svg.spark circle")).isEmpty(),
                        period + " " + metric + " has a sparkline");
                String label = tile.findElement(By.cssSelector("svg.spark")).getDomAttribute("aria-label");
                assertTrue(label.endsWith(", " + sparklines.getJsonArray(metric).size() + " buckets"),
                        () -> period + " " + metric + ": one point per value of the entry's sparkline: " + label);
            }
            String shown = browser.findElement(By.cssSelector(card + " .tile[data-metric='executions'] .value")).getText();
            assertEquals(NumberFormat.getIntegerInstance(Locale.ENGLISH).format(current.getInt("executions")), shown);
            assertEquals(Boolean.TRUE, js("return performance.getEntriesByName('pw:overview-drawn', 'mark').length > 0"),
                    "the overview marks when its cards are drawn");
        }
        int firing = expect(200, viewer.get("/api/v1/alerts?state=firing&limit=20")).object().getJsonArray("alerts").size();
        assertEquals(firing, browser.findElements(By.cssSelector(".alerts-box li[data-alert]")).size(),
                "the firing alerts on top are the API's");
    }

    /**
     * The overview's card of the prompt for the period, once drawn: "More prompts" is pressed (and its page
     * awaited) until the card is among those shown.
     */
    private WebElement overviewCard(String period, String prompt) {
        String list = "#prompts[data-period='" + period + "']";
        String card = list + " section[data-prompt='" + prompt + "']";
        await(list + " section[data-prompt]");
        for (int pages = 1; browser.findElements(By.cssSelector(card)).isEmpty(); pages++) {
            assertTrue(pages < 200, () -> "no card for " + prompt + " after 200 pages");
            await("#more-prompts").click();
            String next = String.valueOf(pages + 1);
            wait.until(d -> next.equals(js("return document.querySelector(arguments[0])?.dataset.pages", list)));
        }
        return await(card);
    }

    /** The /summaries page (of the largest size) holding the prompt. */
    private static JsonObject summariesPageOf(Api viewer, String period, String prompt) {
        String after = null;
        while (true) {
            JsonObject page = expect(200, viewer.get("/api/v1/summaries?limit=500&period=" + period
                    + (after == null ? "" : "&after=" + after))).object();
            if (page.getJsonArray("items").stream().anyMatch(e -> e.asJsonObject().getString("promptId").equals(prompt))) {
                return page;
            }
            assertTrue(page.containsKey("next") && !page.isNull("next"), () -> "no /summaries entry for " + prompt);
            after = page.getString("next");
        }
    }

    private static Double number(JsonValue value) {
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : ((JsonNumber) value).doubleValue();
    }

    private static Double parse(String text) {
        return text == null || text.isEmpty() ? null : Double.valueOf(text);
    }

    /**
     * The compare page, driven as a user would (prompt, its two versions, the metric, Compare), shows the
     * p-value, the Holm-adjusted one and the recommendation the API answers for the same request; the page's
     * request is the one the form describes. The sample-size calculator shows the API's size for its figures.
     */
    @Test
    @Order(5)
    void theComparePageShowsTheApisPValue() {
        open(1280, 1000);
        signIn(viewerKey);
        go("#/compare");
        new Select(await("#compare-prompt")).selectByValue(comparePrompt);
        WebElement control = wait.until(ExpectedConditions.elementToBeClickable(By.id("cmp-v-1.0.0")));
        WebElement variant = browser.findElement(By.id("cmp-v-1.1.0"));
        assertTrue(control.isSelected() && variant.isSelected(), "the active version and the newest other are ticked");
        new Select(browser.findElement(By.id("compare-metric"))).selectByValue("qualityScore");
        browser.findElement(By.id("compare-run")).click();
        WebElement shown = await("#compare-result tr[data-variant='1.1.0'] td.p-value");

        JsonObject request = Json.createReader(new java.io.StringReader(
                browser.findElement(By.id("compare-result")).getDomAttribute("data-request"))).readObject();
        assertEquals("qualityScore", request.getString("metric"));
        JsonObject selection = request.getJsonObject("selection");
        assertEquals(comparePrompt, selection.getString("promptId"));
        assertEquals(List.of("1.0.0", "1.1.0"), selection.getJsonArray("versions").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList(), "the control first");
        JsonObject answer = expect(200, Api.as(viewerKey).post("/api/v1/analysis/compare", request.toString())).object();
        JsonObject pair = answer.getJsonArray("comparisons").getJsonObject(0);
        double p = pair.getJsonNumber("pValue").doubleValue();
        assertTrue(p > 0.0001 && p < 1, () -> "a p-value the page writes in digits: " + answer);
        assertEquals(p, parse(shown.getDomAttribute("data-p-value")), "the page's p-value is the API's");
        assertEquals(new java.math.BigDecimal(p).round(new java.math.MathContext(3)).toPlainString(), shown.getText(),
                "written with three significant digits");
        assertEquals(pair.getJsonNumber("pValueHolm").doubleValue(),
                parse(browser.findElement(By.cssSelector("#compare-result tr[data-variant='1.1.0'] td.p-holm")).getDomAttribute("data-p-value")));
        assertEquals(answer.getString("recommendation"), browser.findElement(By.id("compare-recommendation")).getText());
        assertEquals(2, browser.findElements(By.cssSelector("#compare-result table.groups tbody tr")).size());
        assertEquals(2, browser.findElements(By.cssSelector("#compare-result svg.forest")).size(), "both interval charts");

        // The calculator, filled in from the comparison (means: the observed difference and the control's SD).
        browser.findElement(By.id("ss-run")).click();
        WebElement size = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#ss-result[data-per-group]")));
        JsonObject sizeRequest = Json.createObjectBuilder().add("kind", "means")
                .add("delta", Double.parseDouble(browser.findElement(By.id("ss-delta")).getDomProperty("value")))
                .add("sd", Double.parseDouble(browser.findElement(By.id("ss-sd")).getDomProperty("value")))
                .add("alpha", 0.05).add("power", 0.8).build();
        JsonObject sizeAnswer = expect(200, Api.as(viewerKey).post("/api/v1/analysis/sample-size", sizeRequest.toString())).object();
        assertEquals(String.valueOf(sizeAnswer.getJsonNumber("perGroup").longValue()), size.getDomAttribute("data-per-group"));
    }

    /**
     * The executions page lists the API's records for the same filter in the same order, page by page
     * (keyset: 50, then the 10 older ones behind "Older records"), narrows them by version and outcome, and
     * opens one record as the API stores it.
     */
    @Test
    @Order(6)
    void theExecutionsPageListsTheApisRecordsPageByPage() {
        open(1280, 1000);
        signIn(viewerKey);
        Api viewer = Api.as(viewerKey);
        go("#/executions");
        new Select(await("#ex-prompt")).selectByValue(comparePrompt);
        browser.findElement(By.id("ex-apply")).click();
        await("#ex-list[data-pages='1'] #ex-more");
        List<String> firstPage = shownExecutions();
        JsonObject page1 = expect(200, viewer.get("/api/v1/executions?limit=50&promptId=" + comparePrompt)).object();
        assertEquals(executionIds(page1), firstPage, "the first page is the API's, newest first");
        browser.findElement(By.id("ex-more")).click();
        await("#ex-list[data-pages='2']");
        JsonObject page2 = expect(200, viewer.get("/api/v1/executions?limit=50&promptId=" + comparePrompt + "&cursor="
                + java.net.URLEncoder.encode(page1.getString("nextCursor"), java.nio.charset.StandardCharsets.UTF_8))).object();
        List<String> both = new ArrayList<>(executionIds(page1));
        both.addAll(executionIds(page2));
        assertEquals(60, both.size());
        assertEquals(both, shownExecutions(), "the older page is appended, as the API's cursor answers it");
        assertTrue(browser.findElements(By.id("ex-more")).isEmpty(), "no older records after the last page");

        new Select(browser.findElement(By.id("ex-version"))).selectByValue("1.1.0");
        new Select(browser.findElement(By.id("ex-success"))).selectByValue("false");
        browser.findElement(By.id("ex-apply")).click();
        wait.until(d -> shownExecutions().size() == 10);
        List<String> failed = executionIds(expect(200, viewer.get("/api/v1/executions?limit=50&version=1.1.0&success=false&promptId="
                + comparePrompt)).object());
        assertEquals(failed, shownExecutions());
        assertTrue(browser.getCurrentUrl().contains("success=false"), "the filter is in the page's address");

        String id = failed.get(0);
        browser.findElement(By.cssSelector("tr[data-execution='" + id + "'] a")).click();
        WebElement detail = await("#ex-detail[data-execution='" + id + "']");
        JsonObject stored = expect(200, viewer.get("/api/v1/executions/" + id)).object();
        assertTrue(detail.getText().contains("1.1.0"), detail::getText);
        String input = browser.findElement(By.cssSelector("section[aria-label='Input']")).getText();
        if (!stored.containsKey("input") || stored.isNull("input")) {
            assertTrue(input.contains(stored.getString("inputHash")), input);
        } else {
            assertTrue(input.contains(stored.getString("input")), input);
        }
    }

    private List<String> shownExecutions() {
        return browser.findElements(By.cssSelector("table.executions tbody tr[data-execution]")).stream()
                .map(tr -> tr.getDomAttribute("data-execution")).toList();
    }

    private static List<String> executionIds(JsonObject page) {
        return page.getJsonArray("items").getValuesAs(JsonObject.class).stream().map(e -> e.getString("executionId")).toList();
    }

    /**
     * An admin creates a key on the keys page: its secret is shown once (and works: the API knows it by its
     * name and roles), copied by the copy button, gone from the page once stored; then revokes it by clicking,
     * and the API refuses the secret from then on.
     */
    @Test
    @Order(7)
    void anAdminCreatesAndRevokesAKey() {
        open(1280, 1000);
        try {
            ((ChromeDriver) browser).executeCdpCommand("Browser.grantPermissions", Map.of("origin", Api.BASE,
                    "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        } catch (RuntimeException e) {
            System.out.println("DashboardIT: no clipboard permission in this Chromium (" + e.getMessage().lines().findFirst().orElse("")
                    + "); the copy button's fallback (the secret selected) is checked instead");
        }
        signIn(Api.ADMIN_KEY);
        await("#nav a[data-page='keys']").click();
        String name = Api.unique("dashboard-key");
        await("#key-name").sendKeys(name);
        browser.findElement(By.id("key-role-operator")).click();
        browser.findElement(By.id("key-create")).click();
        String secret = await("#key-secret").getDomProperty("value");
        JsonObject me = expect(200, Api.as(secret).get("/api/v1/keys/me")).object();
        assertEquals(name, me.getString("name"), "the secret shown is the new key's");
        assertTrue(me.getJsonArray("roles").toString().contains("\"operator\""), me::toString);
        String id = me.getString("id");
        await("tr[data-key='" + id + "'][data-state='active']");

        browser.findElement(By.id("key-copy")).click();
        String status = wait.until(d -> {
            String text = d.findElement(By.id("key-copy-status")).getText();
            return text.isEmpty() ? null : text;
        });
        if (status.startsWith("Copied")) {
            assertEquals(secret, ((JavascriptExecutor) browser).executeAsyncScript(
                    "navigator.clipboard.readText().then(arguments[0], e => arguments[0]('failed: ' + e))"), "the clipboard holds the secret");
        } else {
            assertEquals(secret, js("return window.getSelection().toString() || document.activeElement.value"
                    + ".substring(document.activeElement.selectionStart, document.activeElement.selectionEnd)"),
                    "without clipboard access the secret is selected for Ctrl+C");
        }
        browser.findElement(By.id("key-done")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("key-issued")));
        assertFalse(browser.getPageSource().contains(secret), "the secret is gone from the page");
        browser.navigate().refresh();
        await("tr[data-key='" + id + "']");
        assertFalse(browser.getPageSource().contains(secret), "and the list never shows it");

        await("tr[data-key='" + id + "'] [data-action='revoke']").click();
        await("#confirm[open] #confirm-ok").click();
        await("tr[data-key='" + id + "'][data-state='revoked']");
        assertEquals(401, Api.as(secret).get("/api/v1/keys/me").status(), "the revoked key is refused");
    }

    /**
     * The matrix page's cells are the API's (n, rate and interval of each prompt on each model over the same 7 days),
     * and a cell's figures appear on hover and on keyboard focus.
     */
    @Test
    @Order(8)
    void theMatrixShowsTheApisRatesWithTheirFiguresOnHoverAndFocus() {
        open(1280, 1000);
        signIn(viewerKey);
        go("#/matrix?period=7d");
        await("#matrix[data-period='7d'] table.matrix");
        Instant to = Instant.now();
        JsonObject matrix = expect(200, Api.as(viewerKey).get("/api/v1/analysis/matrix?from=" + to.minus(Duration.ofDays(7))
                + "&to=" + to)).object();
        JsonObject row = matrix.getJsonArray("prompts").getValuesAs(JsonObject.class).stream()
                .filter(r -> comparePrompt.equals(r.getString("promptId"))).findFirst().orElseThrow();
        List<JsonObject> cells = row.getJsonArray("cells").getValuesAs(JsonObject.class);
        assertEquals(2, cells.size(), "the compare prompt ran on two models");
        for (JsonObject cell : cells) {
            WebElement td = browser.findElement(By.cssSelector("tr[data-prompt='" + comparePrompt + "'] td[data-model='"
                    + cell.getString("model") + "']"));
            assertEquals(cell.getJsonNumber("n").longValue(), Long.parseLong(td.getDomAttribute("data-n")));
            for (String figure : List.of("rate", "ciLow", "ciHigh")) {
                assertEquals(cell.getJsonNumber(figure).doubleValue(), parse(td.getDomAttribute("data-" + kebab(figure))), figure);
            }
        }
        // The page's own interval formulas (js/stats.js, used for the compare page's per-version intervals): its
        // Wilson interval is the server's for every cell, its t quantile R's qt(0.975, df) (R 4.x) to 0.11 % at df 5.
        for (JsonObject cell : cells) {
            @SuppressWarnings("unchecked")
            List<Number> wilson = (List<Number>) ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[2];"
                    + "import('./js/stats.js').then(s => done(s.wilsonInterval(arguments[0], arguments[1], 0.95)))",
                    cell.getJsonNumber("successes").longValue(), cell.getJsonNumber("n").longValue());
            assertEquals(cell.getJsonNumber("ciLow").doubleValue(), wilson.get(0).doubleValue(), 1e-7, "Wilson low");
            assertEquals(cell.getJsonNumber("ciHigh").doubleValue(), wilson.get(1).doubleValue(), 1e-7, "Wilson high");
        }
        for (double[] qt : new double[][] {{5, 2.570582}, {10, 2.228139}, {29, 2.045230}, {100, 1.983972}}) {
            double t = ((Number) ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[1];"
                    + "import('./js/stats.js').then(s => done(s.tQuantile(0.975, arguments[0])))", (int) qt[0])).doubleValue();
            assertEquals(qt[1], t, qt[1] * 0.0012, "t quantile at df " + (int) qt[0]);
        }

        String first = "tr[data-prompt='" + comparePrompt + "'] td[data-model='" + cells.get(0).getString("model") + "'] ";
        WebElement tip = browser.findElement(By.cssSelector(first + ".tip"));
        assertTrue(tip.getRect().getWidth() <= 1, "the figures are hidden until asked for (still read by screen readers)");
        new Actions(browser).moveToElement(browser.findElement(By.cssSelector(first + ".cell"))).perform();
        wait.until(d -> tip.getRect().getWidth() > 50);
        assertTrue(tip.getText().contains("of " + cells.get(0).getJsonNumber("n").longValue() + " succeeded"), tip::getText);
        new Actions(browser).moveToElement(browser.findElement(By.tagName("h1"))).perform();
        wait.until(d -> tip.getRect().getWidth() <= 1);

        // By keyboard: Tab from the row's prompt link reaches its cells (from the heading it would cross every row
        // above it: hundreds on a server with many prompts); the focused cell shows its figures.
        js("document.querySelector(arguments[0]).focus()", "tr[data-prompt='" + comparePrompt + "'] th a");
        for (int i = 0; i < 40 && !activeIs(first + ".cell"); i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
        }
        assertTrue(activeIs(first + ".cell"), "Tab reaches the cell");
        wait.until(d -> tip.getRect().getWidth() > 50);
    }

    private boolean activeIs(String css) {
        return Boolean.TRUE.equals(js("return document.activeElement === document.querySelector(arguments[0])", css));
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }

    /**
     * An operator starts the export job for one prompt from the jobs page and watches its execution to the end;
     * the page's status, parameters and step counts are the API's, and the job's card shows it as the last run.
     */
    @Test
    @Order(9)
    void anOperatorStartsAJobAndWatchesItFinish() {
        open(1280, 1000);
        signIn(operatorKey);
        go("#/jobs");
        await("#job-export-promptId").sendKeys(comparePrompt);
        browser.findElement(By.cssSelector("form.start[data-job='export'] [data-action='start']")).click();
        wait.until(ExpectedConditions.urlMatches("#/jobs/executions/\\d+$"));
        String url = browser.getCurrentUrl();
        exportExecution = Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
        new WebDriverWait(browser, Duration.ofSeconds(90)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#job-execution[data-status='COMPLETED'], #job-execution[data-status='FAILED']")));
        JsonObject execution = expect(200, Api.as(viewerKey).get("/api/v1/jobs/executions/" + exportExecution)).object();
        assertEquals("COMPLETED", execution.getString("status"), execution::toString);
        assertEquals("COMPLETED", browser.findElement(By.id("job-execution")).getDomAttribute("data-status"));
        assertEquals(comparePrompt, execution.getJsonObject("parameters").getString("promptId"));
        assertEquals(operatorName, execution.getJsonObject("parameters").getString("startedBy"));
        for (JsonObject step : execution.getJsonArray("steps").getValuesAs(JsonObject.class)) {
            WebElement tr = browser.findElement(By.cssSelector("table.steps tr[data-step='" + step.getString("name") + "']"));
            assertEquals(String.valueOf(step.getJsonNumber("writeCount").longValue()), tr.findElements(By.tagName("td")).get(2).getText(),
                    step.getString("name") + " written");
        }
        assertTrue(browser.findElement(By.id("job-execution")).getText().contains(comparePrompt), "the parameters are shown");

        // The file, downloaded by the page with the key (a plain link could not send it): the export of the 60 records.
        Path downloads;
        try {
            downloads = Files.createTempDirectory("dashboard-it-downloads");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ((ChromeDriver) browser).executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads.toString()));
        browser.findElement(By.id("export-download")).click();
        Path file = new WebDriverWait(browser, WAIT).until(d -> {
            try (var files = Files.list(downloads)) {
                return files.filter(f -> f.getFileName().toString().endsWith(".gz")).findFirst().orElse(null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
            String csv = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(60, csv.lines().filter(line -> line.contains(comparePrompt)).count(), () -> file + ": " + csv.lines().limit(3).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        browser.findElement(By.linkText("All jobs")).click();
        await("section[data-job='export'] .last-run a[href='#/jobs/executions/" + exportExecution + "']");
    }

    /**
     * An operator generates yesterday's daily report of the report prompt on the reports page and watches its job end
     * there; the report joins the list, and opened, its frame shows the executions figure of the API's JSON rendering
     * (30: the records stored for that day above).
     */
    @Test
    @Order(10)
    void anOperatorGeneratesADailyReportAndOpensIt() {
        open(1280, 1000);
        signIn(operatorKey);
        go("#/reports");
        await("#rp-list[data-pages]");
        new Select(await("#rp-gen-prompt")).selectByValue(reportPrompt);
        assertEquals(yesterday().toString(), browser.findElement(By.id("rp-gen-date")).getDomProperty("value"), "yesterday by default");
        browser.findElement(By.id("rp-generate")).click();
        new WebDriverWait(browser, Duration.ofSeconds(90)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#rp-watch #job-execution[data-status='COMPLETED'], #rp-watch #job-execution[data-status='FAILED']")));
        assertEquals("COMPLETED", browser.findElement(By.id("job-execution")).getDomAttribute("data-status"));

        Api viewer = Api.as(viewerKey);
        List<JsonObject> listed = expect(200, viewer.get("/api/v1/reports?type=daily&promptId=" + reportPrompt)).object()
                .getJsonArray("reports").getValuesAs(JsonObject.class);
        assertEquals(1, listed.size(), listed::toString);
        reportId = listed.get(0).getJsonNumber("id").longValue();
        assertEquals(yesterday().atStartOfDay().toInstant(ZoneOffset.UTC), Instant.parse(listed.get(0).getString("periodFrom")));
        WebElement row = await("table.reports tr[data-report='" + reportId + "']");
        assertEquals(reportPrompt, row.getDomAttribute("data-prompt"));
        assertEquals("daily", row.getDomAttribute("data-type"));
        row.findElement(By.tagName("a")).click();
        wait.until(ExpectedConditions.urlMatches("#/reports/" + reportId + "$"));
        await("#report-frame[data-loaded='true']");
        assertTrue(browser.findElement(By.id("report-markdown")).isDisplayed() && browser.findElement(By.id("report-json")).isDisplayed());

        long executions = expect(200, viewer.get("/api/v1/reports/" + reportId + "?format=json")).object()
                .getJsonObject("summary").getJsonNumber("executions").longValue();
        assertEquals(30, executions, "the 30 records stored for yesterday");
        browser.switchTo().frame(browser.findElement(By.id("report-frame")));
        String shown = browser.findElement(By.xpath("//dt[.='Total Executions']/following-sibling::dd[1]")).getText();
        browser.switchTo().defaultContent();
        assertEquals(String.valueOf(executions), shown, "the framed HTML shows the JSON rendering's figure");
    }

    /** Every page of the dashboard, by route, with what shows that it has drawn (the admin sees them all). */
    private static Map<String, String[]> everyPage() {
        Map<String, String[]> pages = new java.util.LinkedHashMap<>();
        pages.put("overview", new String[] {"#/overview?period=24h", "#prompts[data-period='24h'] section[data-prompt] .tile"});
        pages.put("prompt", new String[] {"#/prompts/" + overviewPrompt + "?period=24h&metric=latencyP95Ms", ".chart .uplot"});
        pages.put("alerts", new String[] {"#/alerts?state=all", "table.alerts tbody tr"});
        pages.put("compare", new String[] {"#/compare?prompt=" + comparePrompt + "&versions=1.0.0,1.1.0&metric=qualityScore&period=30d",
                "#compare-result td.p-value"});
        pages.put("matrix", new String[] {"#/matrix?period=7d", "table.matrix td.heat"});
        pages.put("executions", new String[] {"#/executions?promptId=" + comparePrompt, "table.executions tbody tr[data-execution]"});
        pages.put("execution", new String[] {null, "#ex-detail"});
        pages.put("reports", new String[] {"#/reports?promptId=" + reportPrompt, "table.reports tbody tr[data-report]"});
        pages.put("report", new String[] {"#/reports/" + reportId, "#report-frame[data-loaded='true']"});
        pages.put("jobs", new String[] {"#/jobs", "section[data-job='export']"});
        pages.put("job-execution", new String[] {"#/jobs/executions/" + exportExecution, "#job-execution table.steps"});
        pages.put("keys", new String[] {"#/keys", "table.keys tbody tr"});
        return pages;
    }

    /** The route of one stored record of the compare prompt, for the record's page. */
    private static String executionRoute() {
        JsonObject page = expect(200, Api.as(viewerKey).get("/api/v1/executions?limit=1&promptId=" + comparePrompt)).object();
        return "#/executions/" + page.getJsonArray("items").getJsonObject(0).getString("executionId");
    }

    private void visit(String page, String[] route) {
        go(route[0] != null ? route[0] : executionRoute());
        await(route[1]);
        wait.until(d -> js("return document.querySelector('[aria-busy=true]') === null"));
    }

    /**
     * Keyboard only: from each page, Tab or Shift+Tab (towards the link) moves through the header to the
     * navigation's link of the next page and Enter opens it, for every page in the navigation.
     */
    @Test
    @Order(12)
    void theKeyboardAloneReachesEveryPage() {
        open(1280, 1000);
        signIn(Api.ADMIN_KEY);
        List<String> links = browser.findElements(By.cssSelector("#nav a[data-page]")).stream()
                .map(a -> a.getDomAttribute("data-page")).toList();
        assertEquals(List.of("overview", "alerts", "compare", "matrix", "executions", "reports", "jobs", "keys"), links);
        List<String> order = new ArrayList<>(links.subList(1, links.size()));
        order.add("overview");
        await("main h1");
        for (String page : order) {
            String link = "#nav a[data-page='" + page + "']";
            // Keys pressed while a page still renders land on nodes it then replaces: start once it is drawn.
            wait.until(d -> js("return document.querySelector('[aria-busy=true], main .loading') === null"));
            // The first page starts where the app leaves focus once a page is drawn, its heading (keys pressed while
            // the overview still drew its cards would have started from wherever the sign-in form was, among them).
            if (page.equals(order.get(0))) {
                js("document.querySelector('main h1').focus()");
            }
            int presses = 0;
            while (!activeIs(link)) {
                assertTrue(++presses <= 40, () -> "40 key presses did not reach the " + page + " link; focus is on "
                        + js("return document.activeElement.outerHTML.slice(0, 120)"));
                boolean before = Boolean.TRUE.equals(js("return !!(document.querySelector(arguments[0]).compareDocumentPosition("
                        + "document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING)", link));
                // Shift held down around Tab: a chord string sent as keys is not reliably Shift+Tab.
                Actions keys = new Actions(browser);
                (before ? keys.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT) : keys.sendKeys(Keys.TAB)).perform();
            }
            new Actions(browser).sendKeys(Keys.ENTER).perform();
            await(link + "[aria-current='page']");
            await("main h1");
            assertTrue(browser.getCurrentUrl().contains("#/" + page), browser.getCurrentUrl());
        }
    }

    /**
     * An axe-core scan (from the test's classpath, injected into the page by the test: the application does not
     * serve it) of every page in the light and the dark scheme finds no serious or critical violation.
     */
    @Test
    @Order(13)
    void axeFindsNoSeriousOrCriticalViolationOnAnyPage() throws IOException {
        String axe;
        String resource = "/META-INF/resources/webjars/axe-core/" + System.getProperty("axe.version") + "/axe.min.js";
        try (var in = DashboardIT.class.getResourceAsStream(resource)) {
            assertNotNull(in, "axe-core on the test classpath at " + resource);
            axe = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        List<String> found = new ArrayList<>();
        int scanned = 0;
        for (String scheme : List.of("light", "dark")) {
            open(1280, 1000);
            ((ChromeDriver) browser).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                    List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
            browser.get(Api.BASE + "/ui/");
            await("#api-key");
            found.addAll(scan(axe, scheme + " sign-in"));
            signIn(Api.ADMIN_KEY);
            for (Map.Entry<String, String[]> page : everyPage().entrySet()) {
                visit(page.getKey(), page.getValue());
                found.addAll(scan(axe, scheme + " " + page.getKey()));
                scanned++;
            }
            close();
        }
        System.out.println("DashboardIT axe-core " + System.getProperty("axe.version") + ": " + (scanned + 2)
                + " pages scanned, serious or critical: " + found.size());
        assertEquals(List.of(), found, "serious or critical accessibility violations");
    }

    /**
     * The serious and critical violations axe finds on the page as it is now, one line each. Frames are not entered: the
     * only one is a report's rendering, sandboxed without scripts (axe could not run in it), and the frame element itself
     * (its title) is checked on the page.
     */
    private List<String> scan(String axe, String page) {
        if (!Boolean.TRUE.equals(js("return typeof window.axe === 'object'"))) {
            js(axe);
        }
        String result = (String) ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations'], iframes: false}).then(r => done(JSON.stringify(r.violations)),"
                + " e => done('error: ' + e))");
        assertFalse(result.startsWith("error"), result);
        List<String> lines = new ArrayList<>();
        for (JsonObject v : Json.createReader(new java.io.StringReader(result)).readArray().getValuesAs(JsonObject.class)) {
            String impact = v.getString("impact", "");
            if (impact.equals("serious") || impact.equals("critical")) {
                List<String> targets = v.getJsonArray("nodes").getValuesAs(JsonObject.class).stream()
                        .map(n -> n.getJsonArray("target").toString()).limit(5).toList();
                lines.add(page + ": " + impact + " " + v.getString("id") + " (" + v.getString("help") + ") at " + targets);
            }
        }
        return lines;
    }

    /** Screenshots of every page at 1280 and 390 pixels (and the overview in the dark scheme), under target/screenshots. */
    @Test
    @Order(11)
    void screenshotsOfEveryPageAtBothWidths() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        List<String> written = new ArrayList<>();
        for (int width : new int[] {1280, 390}) {
            open(width, 900);
            browser.get(Api.BASE + "/ui/");
            await("#api-key");
            written.add(shoot("sign-in", width));
            signIn(Api.ADMIN_KEY);
            for (Map.Entry<String, String[]> page : everyPage().entrySet()) {
                visit(page.getKey(), page.getValue());
                written.add(shoot(page.getKey(), width));
            }
            ((ChromeDriver) browser).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                    List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
            go("#/overview?period=24h");
            browser.navigate().refresh();
            await("#prompts[data-period='24h'] section[data-prompt] .tile");
            written.add(shoot("overview-dark", width));
            close();
        }
        System.out.println("DashboardIT screenshots: " + written);
        for (String file : written) {
            assertTrue(Files.size(SCREENSHOTS.resolve(file)) > 5_000, file);
        }
    }

    /** A PNG of the whole page at this width (the window made as tall as the page, up to 4,000 px). */
    private String shoot(String page, int width) throws IOException {
        viewport(width, 900);
        // A page wider than the screen makes the browser zoom out (innerWidth grows): name what sticks out.
        assertEquals(width, ((Number) js("return window.innerWidth")).intValue(), () -> "the viewport's width on " + page
                + ": wider than " + width + " px: " + js("return [...document.querySelectorAll('main *')]"
                + ".filter(e => e.getBoundingClientRect().right > arguments[0] + 1).slice(-3)"
                + ".map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join('; ')", width));
        long height = ((Number) js("return Math.ceil(document.documentElement.scrollHeight)")).longValue();
        viewport(width, (int) Math.min(4000, Math.max(600, height)));
        // Without the passing "Signed in as …" message over the page's bottom right corner.
        js("document.getElementById('status').textContent = ''");
        String file = page + "-" + width + ".png";
        Files.write(SCREENSHOTS.resolve(file), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
        return file;
    }
}
