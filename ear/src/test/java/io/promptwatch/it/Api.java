package io.promptwatch.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/**
 * A plain HTTP client of the running server, as any API user would be: real requests over
 * loopback, JSON parsed with JSON-P. Also the one place that knows the build's test settings.
 */
public final class Api {

    public static final String BASE = System.getProperty("promptwatch.url", "http://localhost:18080");
    public static final String ADMIN_KEY = System.getProperty("promptwatch.admin.key");
    /**
     * Whether the server was provisioned with {@code /metrics} behind HTTP Basic
     * ({@code -Dserver.metrics.secured=true}), and the file-realm user the build created for it.
     */
    public static final boolean METRICS_SECURED = Boolean.getBoolean("promptwatch.metrics.secured");
    public static final String METRICS_USER = System.getProperty("promptwatch.metrics.user");
    public static final String METRICS_PASSWORD = System.getProperty("promptwatch.metrics.password");
    /**
     * HTTP/1.1, as curl and most SDKs speak to an http:// URL. The JDK client's default (an h2c
     * upgrade, then one multiplexed connection) lost its connection with "protocol error" after about
     * a gigabyte of batch ingest: Payara 6.2025.9's HTTP/2 sent WINDOW_UPDATEs beyond the 2^31-1
     * connection window (10 M benchmark run, 2026-12-01). The h2c path itself is checked in EarSmokeIT.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** An HTTP answer: status, content type, headers and the body parsed as JSON when it is JSON. */
    public record Reply(int status, String contentType, HttpResponse<String> raw) {
        public JsonValue json() {
            try (var reader = Json.createReader(new StringReader(raw.body()))) {
                return reader.readValue();
            }
        }

        public JsonObject object() {
            return json().asJsonObject();
        }

        public JsonArray array() {
            return json().asJsonArray();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String body() {
            return raw.body();
        }

        @Override
        public String toString() {
            String body = raw.body();
            return status + " " + contentType + " " + (body.length() > 600 ? body.substring(0, 600) + "..." : body);
        }
    }

    private final String key;

    private Api(String key) {
        this.key = key;
    }

    public static Api as(String key) {
        return new Api(key);
    }

    public static Api admin() {
        return new Api(ADMIN_KEY);
    }

    public static Api anonymous() {
        return new Api(null);
    }

    /** The EAR the build produced, as Arquillian deploys it. */
    public static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("promptwatch.ear")));
    }

    public static String unique(String prefix) {
        // 48 random bits: with 32, two of the suite's ~100,000 execution ids met by the birthday bound.
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Issues a key with the given roles (as admin) and returns its secret. */
    public static String newKey(String... roles) {
        var rolesJson = Json.createArrayBuilder();
        for (String role : roles) {
            rolesJson.add(role);
        }
        Reply reply = admin().post("/api/v1/keys", Json.createObjectBuilder()
                .add("name", unique("key-" + String.join("-", roles))).add("roles", rolesJson).build().toString());
        if (reply.status() != 201) {
            throw new IllegalStateException("could not issue a key: " + reply);
        }
        return reply.object().getString("key");
    }

    public Reply get(String path) {
        return send(request(path).header("Accept", "application/json, application/problem+json").GET());
    }

    /**
     * The server's {@code /metrics} in the Prometheus text format, read as the build's scraper: with
     * its credentials when the server protects the endpoint, without any otherwise.
     */
    public static Reply metrics() {
        return METRICS_SECURED ? metrics(METRICS_USER, METRICS_PASSWORD) : metrics(null, null);
    }

    /**
     * {@code /metrics} with these HTTP Basic credentials, or none when {@code user} is null. Payara
     * serves a protected {@code /metrics} over TLS only, redirecting plain HTTP to its HTTPS listener:
     * the redirect is followed, and the credentials are sent there, never over plain HTTP.
     */
    public static Reply metrics(String user, String password) {
        Reply plain = send(HttpRequest.newBuilder(URI.create(BASE + "/metrics")).timeout(Duration.ofSeconds(60))
                .header("Accept", "text/plain").GET());
        String location = plain.header("Location");
        if (plain.status() / 100 != 3 || location == null || !location.startsWith("https://")) {
            return plain;
        }
        HttpRequest.Builder secure = HttpRequest.newBuilder(URI.create(location)).timeout(Duration.ofSeconds(60))
                .header("Accept", "text/plain");
        if (user != null) {
            secure.header("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return send(Tls.CLIENT, secure.GET());
    }

    /** HTTPS to the test server, trusting the certificates of its own domain's key store and no others. */
    private static final class Tls {
        static final HttpClient CLIENT = create();

        private static HttpClient create() {
            try (var in = java.nio.file.Files.newInputStream(Server.HOME.resolve("glassfish/domains/domain1/config/keystore.p12"))) {
                java.security.KeyStore domain = java.security.KeyStore.getInstance("PKCS12");
                domain.load(in, "changeit".toCharArray());
                javax.net.ssl.TrustManagerFactory trust =
                        javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
                trust.init(domain);
                javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
                tls.init(null, trust.getTrustManagers(), null);
                return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                        .sslContext(tls).build();
            } catch (IOException | java.security.GeneralSecurityException e) {
                throw new IllegalStateException("cannot trust the test server's certificate: " + e, e);
            }
        }
    }

    public Reply post(String path, String json) {
        return send(request(path).POST(body(json)));
    }

    /** A POST whose body is streamed without a Content-Length (chunked), as a client sends what it produces while it sends. */
    public Reply postChunked(String path, String json) {
        byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return send(request(path).POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes))));
    }

    public Reply put(String path, String json) {
        return send(request(path).PUT(body(json)));
    }

    public Reply delete(String path) {
        return send(request(path).DELETE());
    }

    /**
     * Any request exactly as given: the method, a path with its query already percent-encoded, these
     * headers and no others (no key, no content type added), the body or none. For tests that send
     * what no well-behaved client would.
     */
    public static Reply exchange(String method, String pathAndQuery, java.util.Map<String, String> headers, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(BASE + pathAndQuery))
                .timeout(Duration.ofSeconds(120)).method(method, body(body));
        headers.forEach(builder::header);
        return send(builder);
    }

    private static HttpRequest.BodyPublisher body(String json) {
        return json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(BASE + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        return builder;
    }

    private static Reply send(HttpRequest.Builder request) {
        return send(HTTP, request);
    }

    private static Reply send(HttpClient client, HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response);
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
