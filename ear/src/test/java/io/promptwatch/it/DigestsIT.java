package io.promptwatch.it;

import static io.promptwatch.it.Fixtures.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Report digests end to end: a webhook channel (a real HTTP server in this JVM, on a port of its own)
 * and an e-mail channel (GreenMail on 13025, where the test server sends mail) subscribed to one
 * prompt's daily reports; records stored, the daily-report job run through the API; the webhook gets
 * a signed {@code report.ready} whose content is the report's JSON as the reports API serves it, the
 * e-mail the report's HTML. A rerun of the same report sends it again. Also the subscription API's
 * refusals as problems.
 */
@ExtendWith(ArquillianExtension.class)
class DigestsIT {

    private static final String SECRET = "it-digest-secret-2b9c";
    private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED");
    private static ChannelReceivers receivers;
    private static Api admin;
    private static Api ingest;
    private static Api viewer;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Api.ear();
    }

    @BeforeAll
    static void receivers() throws Exception {
        receivers = ChannelReceivers.start(SECRET);
        admin = Api.admin();
        ingest = Api.as(Api.newKey("ingest"));
        viewer = Api.as(Api.newKey("viewer"));
    }

    @AfterAll
    static void stopReceivers() {
        receivers.close();
    }

    @Test
    void aStoredDailyReportGoesToTheWebhookAsJsonAndToTheMailboxAsHtml() throws Exception {
        String base = receivers.base();
        String hook = channel("{\"name\":\"" + Api.unique("digest-hook") + "\",\"type\":\"webhook\",\"url\":\"" + base
                + "/digest\",\"secret\":\"" + SECRET + "\"}");
        String address = Api.unique("digest").toLowerCase() + "@example.org";
        String email = channel("{\"name\":\"" + Api.unique("digest-mail") + "\",\"type\":\"email\",\"to\":[\"" + address + "\"]}");
        String prompt = Fixtures.activePrompt(Api.as(Api.newKey("operator")), null);
        String other = Fixtures.activePrompt(Api.as(Api.newKey("operator")), null);

        JsonObject subscription = expect(201, admin.post("/api/v1/report-subscriptions", "{\"type\":\"daily\",\"promptId\":\""
                + prompt + "\",\"channels\":[\"" + hook + "\",\"" + email + "\"]}")).object();
        String id = subscription.getString("id");
        assertEquals("daily", subscription.getString("type"));
        assertEquals(prompt, subscription.getString("promptId"));
        assertEquals(List.of(hook, email), subscription.getJsonArray("channels").getValuesAs(jakarta.json.JsonString::getString));
        assertEquals(subscription, expect(200, admin.get("/api/v1/report-subscriptions/" + id)).object());
        assertTrue(expect(200, admin.get("/api/v1/report-subscriptions")).array().stream()
                .anyMatch(s -> s.asJsonObject().getString("id").equals(id)));

        // Yesterday: 30 records of the prompt from 10:00, five minutes apart, every third failed: 20 of 30 succeed.
        // The other prompt has records too: its report must reach no channel of this subscription.
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        store(prompt, from.plus(Duration.ofHours(10)), 30, 3);
        store(other, from.plus(Duration.ofHours(10)), 10, 2);
        Fixtures.awaitRolledUp(viewer);
        long execution = runDailyReport(day, null);

        JsonObject listed = expect(200, viewer.get("/api/v1/reports?type=daily&promptId=" + prompt)).object()
                .getJsonArray("reports").getJsonObject(0);
        long reportId = listed.getJsonNumber("id").longValue();
        assertEquals(execution, listed.getJsonNumber("jobExecutionId").longValue());
        JsonObject json = expect(200, viewer.get("/api/v1/reports/" + reportId + "?format=json")).object();
        String html = expect(200, viewer.get("/api/v1/reports/" + reportId + "?format=html")).body();
        assertEquals(30, json.getJsonObject("summary").getJsonNumber("executions").longValue(), "30 records stored above");
        assertEquals(20.0 / 30, json.getJsonObject("summary").getJsonNumber("successRate").doubleValue(), 1e-12, "20 of 30 succeeded");

        // The webhook: signed, event report.ready, the report's key, and as content the JSON the reports API serves.
        ChannelReceivers.Received received = awaitDigests(reportId, 1).get(0);
        assertTrue(received.signed(), "signed with the channel's secret like an alert");
        JsonObject body = received.json();
        assertEquals("report.ready", body.getString("event"));
        JsonObject about = body.getJsonObject("report");
        assertEquals(reportId, about.getJsonNumber("id").longValue());
        assertEquals("daily", about.getString("type"));
        assertEquals(prompt, about.getString("promptId"));
        assertEquals(from, Instant.parse(about.getString("from")));
        assertEquals(from.plus(Duration.ofDays(1)), Instant.parse(about.getString("to")));
        assertEquals(json, body.getJsonObject("content"), "the same numbers as GET /reports/{id}?format=json");

        // The e-mail: subject, the link to the HTML rendering in the text, the report's HTML as the HTML part.
        String subject = "[Promptwatch] Daily report " + prompt + " " + day;
        MimeMessage message = awaitMail(address, subject);
        MimeMultipart parts = (MimeMultipart) message.getContent();
        BodyPart text = parts.getBodyPart(0);
        BodyPart htmlPart = parts.getBodyPart(1);
        assertTrue(text.isMimeType("text/plain") && htmlPart.isMimeType("text/html"), parts.getContentType());
        String plain = normalized((String) text.getContent());
        assertTrue(plain.contains("/api/v1/reports/" + reportId + "?format=html"), plain);
        assertTrue(plain.contains("Total Executions: 30\n"), plain);
        assertEquals(normalized(html), normalized((String) htmlPart.getContent()), "the HTML the reports API serves");

        // Nothing about the other prompt reached these channels.
        long otherReport = expect(200, viewer.get("/api/v1/reports?type=daily&promptId=" + other)).object()
                .getJsonArray("reports").getJsonObject(0).getJsonNumber("id").longValue();
        assertTrue(receivers.received().stream().noneMatch(r -> r.path().equals("/digest")
                && r.json().getJsonObject("report").getJsonNumber("id").longValue() == otherReport));

        // A rerun of the same report (same key, same id) sends it again; a deleted subscription sends nothing more.
        runDailyReport(day, prompt);
        awaitDigests(reportId, 2);
        // A channel the subscription names cannot be deleted (as with a rule); once the subscription is gone it can.
        Api.Reply refused = admin.delete("/api/v1/channels/" + email);
        assertEquals(409, refused.status(), refused::toString);
        assertEquals("id", refused.object().getString("field", null), refused::toString);
        expect(204, admin.delete("/api/v1/report-subscriptions/" + id));
        expect(204, admin.delete("/api/v1/channels/" + email));
        expect(404, admin.get("/api/v1/report-subscriptions/" + id));
        runDailyReport(day, prompt);
        Thread.sleep(3_000);
        assertEquals(2, digests(reportId).size(), "no digest after the subscription was deleted");
    }

    @Test
    void refusalsNameTheFieldAtFault() {
        String hook = channel("{\"name\":\"" + Api.unique("digest-refusal") + "\",\"type\":\"webhook\",\"url\":\"http://127.0.0.1:9/x\"}");
        assertProblem(admin.post("/api/v1/report-subscriptions", "{\"type\":\"weekly\",\"channels\":[\"" + hook + "\"]}"), "type");
        assertProblem(admin.post("/api/v1/report-subscriptions", "{\"channels\":[\"" + hook + "\"]}"), "type");
        assertProblem(admin.post("/api/v1/report-subscriptions", "{\"type\":\"daily\",\"channels\":[\"no-such-channel\"]}"), "channels");
        assertProblem(admin.post("/api/v1/report-subscriptions", "{\"type\":\"daily\",\"channels\":[]}"), "channels");
        assertProblem(admin.post("/api/v1/report-subscriptions", "{\"type\":\"daily\",\"channels\":\"" + hook + "\"}"), "channels");
        assertProblem(admin.post("/api/v1/report-subscriptions", "{\"type\":\"daily\",\"channels\":[7]}"), "channels[0]");
        assertProblem(admin.post("/api/v1/report-subscriptions", "{\"type\":\"comprehensive\",\"promptId\":\"p\",\"channels\":[\""
                + hook + "\"]}"), "promptId");
        assertProblem(admin.post("/api/v1/report-subscriptions", "{\"type\":\"daily\",\"promptId\":\"" + Api.unique("nope")
                + "\",\"channels\":[\"" + hook + "\"]}"), "promptId");
        assertProblem(admin.post("/api/v1/report-subscriptions", "{\"type\":\"daily\",\"channels\":[\"" + hook + "\"],\"x\":1}"), "x");
        assertEquals(400, admin.post("/api/v1/report-subscriptions", "[]").status());
        expect(404, admin.get("/api/v1/report-subscriptions/no-such-subscription"));
        expect(404, admin.delete("/api/v1/report-subscriptions/no-such-subscription"));
        // Hostile values in each field, the others well-formed: each a 400 naming the field (or its element), never a 5xx.
        String quoted = "\"" + hook + "\"";
        String huge = "\"" + "x".repeat(100_001) + "\"";
        String deep = "[".repeat(200) + "]".repeat(200);
        for (String bad : List.of("1e400", "-0", "true", "{}", "[]", huge, deep)) {
            assertHostile("{\"type\":" + bad + ",\"channels\":[" + quoted + "]}", "type");
            assertHostile("{\"type\":\"daily\",\"promptId\":" + bad + ",\"channels\":[" + quoted + "]}", "promptId");
            assertHostile("{\"type\":\"daily\",\"channels\":" + bad + "}", "channels");
            assertHostile("{\"type\":\"daily\",\"channels\":[" + quoted + "," + bad + "]}", "channels");
        }
        // A comprehensive subscription to every prompt is fine.
        String weekly = expect(201, admin.post("/api/v1/report-subscriptions", "{\"type\":\"comprehensive\",\"channels\":[\""
                + hook + "\"]}")).object().getString("id");
        expect(204, admin.delete("/api/v1/report-subscriptions/" + weekly));
    }

    private static String channel(String json) {
        return expect(201, admin.post("/api/v1/channels", json)).object().getString("id");
    }

    /** {@code n} records of {@code prompt} five minutes apart from {@code from}; each {@code failEvery}-th (from the first) failed. */
    private static void store(String prompt, Instant from, int n, int failEvery) {
        JsonArrayBuilder batch = Json.createArrayBuilder();
        for (int i = 0; i < n; i++) {
            var record = Fixtures.record(Api.unique("dg"), prompt, from.plus(Duration.ofMinutes(5L * i)));
            if (i % failEvery == 0) {
                record.add("success", false).add("errorType", "timeout").add("errorMessage", "slow");
            }
            batch.add(record);
        }
        Api.Reply reply = expect(200, ingest.post("/api/v1/executions/batch", batch.build().toString()));
        assertTrue(reply.array().stream().allMatch(r -> r.asJsonObject().getString("status").equals("accepted")), reply::toString);
    }

    /** Runs daily-report for {@code day} (one prompt, or every prompt with records) and waits for it to complete. */
    private static long runDailyReport(LocalDate day, String prompt) {
        String parameters = prompt == null ? "{\"date\":\"" + day + "\"}" : "{\"date\":\"" + day + "\",\"promptId\":\"" + prompt + "\"}";
        long id = expect(202, admin.post("/api/v1/jobs/daily-report", parameters)).object().getJsonNumber("executionId").longValue();
        JsonObject[] last = new JsonObject[1];
        Server.await(Duration.ofMinutes(5), "execution " + id + " ends", () -> {
            last[0] = expect(200, viewer.get("/api/v1/jobs/executions/" + id)).object();
            return ENDED.contains(last[0].getString("status"));
        });
        assertEquals("COMPLETED", last[0].getString("status"), last[0]::toString);
        return id;
    }

    private static List<ChannelReceivers.Received> digests(long reportId) {
        return receivers.received().stream().filter(r -> r.path().equals("/digest")).filter(r -> {
            JsonObject report = r.json().getJsonObject("report");
            return report != null && report.getJsonNumber("id").longValue() == reportId;
        }).toList();
    }

    private static List<ChannelReceivers.Received> awaitDigests(long reportId, int count) {
        Server.await(Duration.ofSeconds(30), count + " digest(s) of report " + reportId, () -> digests(reportId).size() >= count);
        return digests(reportId);
    }

    private static MimeMessage awaitMail(String address, String subject) {
        MimeMessage[] found = new MimeMessage[1];
        Server.await(Duration.ofSeconds(30), "the digest e-mail '" + subject + "'", () -> {
            for (MimeMessage m : receivers.mail().getReceivedMessages()) {
                try {
                    if (subject.equals(m.getSubject()) && m.getAllRecipients()[0].toString().equals(address)) {
                        found[0] = m;
                        return true;
                    }
                } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }
            return false;
        });
        return found[0];
    }

    private static String normalized(String text) {
        return text.replace("\r\n", "\n").strip();
    }

    /** 400 problem+json naming {@code field} or an element of it; or, for a body nested past the limit, naming the body. */
    private static void assertHostile(String body, String field) {
        Api.Reply reply = admin.post("/api/v1/report-subscriptions", body);
        assertEquals(400, reply.status(), () -> body.substring(0, Math.min(200, body.length())) + " → " + reply);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
        String named = reply.object().getString("field", null);
        assertTrue(named == null || named.equals(field) || named.startsWith(field + "[") || named.equals("body"), reply::toString);
    }

    private static void assertProblem(Api.Reply reply, String field) {
        assertEquals(400, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
        assertEquals(field, reply.object().getString("field", null), reply::toString);
    }
}
