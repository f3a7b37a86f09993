package io.promptwatch.alerting.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.promptwatch.alerting.entity.DeliveryOutcome;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server on an ephemeral port of the loopback interface, started per test. */
class HttpDeliveryTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:15:30Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /**
     * The stalled receiver's test waits this long; the others get a generous timeout, so that a loaded
     * machine (a parallel build took 300 ms to answer a local 200 once) cannot turn a delivery into a timeout.
     */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(300);
    private static final Duration GENEROUS_TIMEOUT = Duration.ofSeconds(10);
    private static final String BODY = "{\"event\":\"alert.firing\",\"text\":\"2.0.0 → 1.0.0\"}";

    private HttpServer server;
    private ExecutorService handlers;
    private HttpDelivery delivery;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        server.start();
        delivery = new HttpDelivery(Duration.ofSeconds(2), GENEROUS_TIMEOUT, null, CLOCK);
    }

    @AfterEach
    void stop() {
        server.stop(0);
        handlers.shutdownNow();
    }

    private String url(String path) {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + path;
    }

    /** What a handler saw of the one request it got. */
    private record Received(Headers headers, String body) {
    }

    private AtomicReference<Received> answer(String path, int status, String answer) {
        AtomicReference<Received> received = new AtomicReference<>();
        server.createContext(path, exchange -> {
            received.set(new Received(exchange.getRequestHeaders(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            respond(exchange, status, answer);
        });
        return received;
    }

    private static void respond(HttpExchange exchange, int status, String answer) throws IOException {
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void a200IsDeliveredAndTheReceiverCanVerifyTheSignature() {
        AtomicReference<Received> received = answer("/hook", 200, "ok");

        DeliveryOutcome outcome = delivery.post(url("/hook"), BODY, "s3cret", 1);

        assertTrue(outcome.delivered(), outcome.toString());
        assertEquals(200, outcome.httpStatus());
        assertEquals("HTTP 200", outcome.detail());
        assertEquals(1, outcome.attempt());
        assertEquals(NOW, outcome.at());
        Headers headers = received.get().headers();
        assertEquals(BODY, received.get().body(), "the exact bytes, UTF-8");
        assertEquals("application/json", headers.getFirst("Content-Type"));
        assertEquals("Promptwatch", headers.getFirst("User-Agent"));
        assertEquals(Long.toString(NOW.getEpochSecond()), headers.getFirst(WebhookSignature.TIMESTAMP_HEADER));
        assertTrue(WebhookSignature.verify("s3cret", headers.getFirst(WebhookSignature.TIMESTAMP_HEADER),
                received.get().body(), headers.getFirst(WebhookSignature.SIGNATURE_HEADER), NOW, Duration.ofMinutes(5)));
        assertFalse(WebhookSignature.verify("wrong", headers.getFirst(WebhookSignature.TIMESTAMP_HEADER),
                received.get().body(), headers.getFirst(WebhookSignature.SIGNATURE_HEADER), NOW, Duration.ofMinutes(5)));
    }

    @Test
    void withoutASecretNothingIsSigned() {
        AtomicReference<Received> received = answer("/slack", 200, "ok");

        assertTrue(delivery.post(url("/slack"), BODY, null, 1).delivered());

        assertNull(received.get().headers().getFirst(WebhookSignature.SIGNATURE_HEADER));
        assertNull(received.get().headers().getFirst(WebhookSignature.TIMESTAMP_HEADER));
    }

    @Test
    void a500IsNotDeliveredAndKeepsTheStatusAndTheAnswersBeginning() {
        answer("/broken", 500, "database down " + "x".repeat(10_000));

        DeliveryOutcome outcome = delivery.post(url("/broken"), BODY, "s3cret", 2);

        assertFalse(outcome.delivered());
        assertEquals(500, outcome.httpStatus());
        assertTrue(outcome.detail().startsWith("HTTP 500: database down x"), outcome.detail());
        assertEquals("HTTP 500: ".length() + HttpDelivery.ANSWER_KEPT, outcome.detail().length(), "the answer is cut");
        assertEquals(2, outcome.attempt());
    }

    @Test
    void aRedirectIsNotFollowed() {
        AtomicInteger elsewhere = new AtomicInteger();
        server.createContext("/elsewhere", exchange -> {
            elsewhere.incrementAndGet();
            respond(exchange, 200, "");
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", url("/elsewhere"));
            respond(exchange, 307, "");
        });

        DeliveryOutcome outcome = delivery.post(url("/moved"), BODY, "s3cret", 1);

        assertFalse(outcome.delivered());
        assertEquals(307, outcome.httpStatus());
        assertEquals("HTTP 307 (redirect not followed)", outcome.detail());
        assertEquals(0, elsewhere.get(), "the signed body went nowhere else");
    }

    @Test
    void aPortWithNothingListeningIsRefused() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        DeliveryOutcome outcome = delivery.post("http://127.0.0.1:" + closed + "/hook", BODY, "s3cret", 1);

        assertFalse(outcome.delivered());
        assertNull(outcome.httpStatus());
        assertEquals("connection refused", outcome.detail());
    }

    @Test
    void aReceiverThatNeverAnswersTimesOut() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch arrived = new CountDownLatch(1);
        HttpHandler stall = exchange -> {
            arrived.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        };
        server.createContext("/stall", stall);
        try {
            long start = System.nanoTime();
            DeliveryOutcome outcome = new HttpDelivery(Duration.ofSeconds(2), REQUEST_TIMEOUT, null, CLOCK)
                    .post(url("/stall"), BODY, "s3cret", 3);
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertFalse(outcome.delivered());
            assertNull(outcome.httpStatus());
            assertEquals("timed out after 300 ms", outcome.detail());
            assertTrue(arrived.await(0, TimeUnit.SECONDS), "the request reached the receiver");
            // Behaviour, not a timing: the delivery gave up instead of waiting for the 10 s stall.
            assertTrue(tookMillis < 5_000, "took " + tookMillis + " ms");
        } finally {
            release.countDown();
        }
    }

    @Test
    void aBadUrlIsAnOutcomeNotAnException() {
        DeliveryOutcome outcome = delivery.post("not a url", BODY, null, 1);
        assertFalse(outcome.delivered());
        assertEquals("invalid URL: not a url", outcome.detail());
        assertEquals("invalid URL: ftp://example.org/x", delivery.post("ftp://example.org/x", BODY, null, 1).detail());
    }
}
