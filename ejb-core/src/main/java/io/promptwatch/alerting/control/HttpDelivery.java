package io.promptwatch.alerting.control;

import io.promptwatch.alerting.entity.DeliveryOutcome;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Posts a JSON body to a webhook (generic or Slack) and says what happened as a
 * {@link DeliveryOutcome}: 2xx is delivered, anything else (another status, refused, timed out,
 * unknown host, bad TLS) is a failed outcome with a few words of why. It never throws for the
 * network, because a dead receiver is an everyday event that the caller records and retries, not an
 * error that may reach the evaluation.
 *
 * <p>The whole attempt, the body of the answer included, is bounded by the request timeout: a
 * receiver that accepts the connection and then stalls costs one timeout, not a thread. Redirects
 * are not followed: a webhook URL that moved is a configuration to fix, and following it would send
 * the signed alert to wherever the redirect points. Only the first {@value #ANSWER_KEPT} characters of
 * an answer are read (Slack explains a 4xx in its body, e.g. {@code invalid_payload}).
 *
 * <p>One instance holds one {@link HttpClient} (and its connection pool) for its timeouts; keep it
 * as long as those settings hold.
 */
public final class HttpDelivery {

    public static final String USER_AGENT = "Promptwatch";

    /** How much of a receiver's answer goes into the outcome's detail. */
    static final int ANSWER_KEPT = 200;

    private final HttpClient client;
    private final Duration requestTimeout;
    private final Clock clock;

    /**
     * @param connectTimeout how long to wait for the TCP (and TLS) connection
     * @param requestTimeout how long the whole attempt may take, from sending to the answer's end
     * @param executor       runs the client's work (a container's managed executor on the server);
     *                       null for the client's own
     * @param clock          the time of the signature and of the outcome
     */
    public HttpDelivery(Duration connectTimeout, Duration requestTimeout, Executor executor, Clock clock) {
        this.requestTimeout = positive(requestTimeout, "requestTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(positive(connectTimeout, "connectTimeout"))
                .followRedirects(HttpClient.Redirect.NEVER);
        if (executor != null) {
            builder.executor(executor);
        }
        this.client = builder.build();
    }

    /**
     * Posts {@code body} as {@code application/json} to {@code url}, signed with
     * {@link WebhookSignature} when {@code secret} is given (null or empty: unsigned, as Slack wants).
     *
     * @param attempt the attempt number to record, 1 for the first
     */
    public DeliveryOutcome post(String url, String body, String secret, int attempt) {
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                    .timeout(requestTimeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", USER_AGENT)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (secret != null && !secret.isEmpty()) {
                long timestamp = clock.instant().getEpochSecond();
                builder.header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                        .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, body));
            }
            request = builder.build();
        } catch (IllegalArgumentException | NullPointerException e) {
            return DeliveryOutcome.failed(null, "invalid URL: " + url, attempt, clock.instant());
        }

        CompletableFuture<HttpResponse<String>> answer = client.sendAsync(request, info -> new Beginning(ANSWER_KEPT));
        try {
            HttpResponse<String> response = answer.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
            int status = response.statusCode();
            String detail = "HTTP " + status;
            if (status / 100 == 2) {
                return DeliveryOutcome.delivered(status, detail, attempt, clock.instant());
            }
            if (status / 100 == 3) {
                detail += " (redirect not followed)";
            }
            String said = response.body().strip();
            if (!said.isEmpty()) {
                detail += ": " + said;
            }
            return DeliveryOutcome.failed(status, detail, attempt, clock.instant());
        } catch (TimeoutException e) {
            answer.cancel(true);
            return DeliveryOutcome.failed(null, timedOut(), attempt, clock.instant());
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return DeliveryOutcome.failed(null, "interrupted", attempt, clock.instant());
        } catch (ExecutionException e) {
            return DeliveryOutcome.failed(null, why(e.getCause()), attempt, clock.instant());
        }
    }

    /** A few words for why no answer came. */
    private String why(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return "connect timed out";
        }
        if (cause instanceof HttpTimeoutException) {
            return timedOut();
        }
        if (cause instanceof ConnectException) {
            // The JDK client reports a refused connection as a ConnectException without a message;
            // its cause, when there is one, says more (no route to host, unreachable network).
            Throwable inner = cause.getCause();
            if (inner instanceof UnresolvedAddressException) {
                return "unknown host";
            }
            String message = inner != null && inner.getMessage() != null ? inner.getMessage() : cause.getMessage();
            return message == null || message.toLowerCase(Locale.ROOT).contains("refused")
                    ? "connection refused" : "connect failed: " + message;
        }
        if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
            return "unknown host";
        }
        if (cause instanceof SSLException) {
            return "TLS failed: " + cause.getMessage();
        }
        if (cause instanceof IOException) {
            return "I/O error: " + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        }
        return "failed: " + cause;
    }

    private String timedOut() {
        return "timed out after " + requestTimeout.toMillis() + " ms";
    }

    private static Duration positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
        return duration;
    }

    /**
     * Keeps the first characters of an answer and drops the rest as it arrives, so a receiver that
     * answers with megabytes costs no memory. Decoded as UTF-8 (a cut character becomes U+FFFD).
     */
    static final class Beginning implements HttpResponse.BodySubscriber<String> {

        private final int limit;
        private final ByteBuffer kept;
        private final CompletableFuture<String> result = new CompletableFuture<>();

        Beginning(int limit) {
            this.limit = limit;
            this.kept = ByteBuffer.allocate(limit * 4);
        }

        @Override
        public CompletionStage<String> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                int n = Math.min(item.remaining(), kept.remaining());
                if (n > 0) {
                    ByteBuffer slice = item.slice();
                    slice.limit(n);
                    kept.put(slice);
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            String text = new String(kept.array(), 0, kept.position(), StandardCharsets.UTF_8);
            if (text.length() > limit) {
                text = text.substring(0, Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit);
            }
            result.complete(text);
        }
    }
}
