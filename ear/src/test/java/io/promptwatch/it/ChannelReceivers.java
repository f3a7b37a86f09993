package io.promptwatch.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the notification channels of the integration-test server reach: a real local HTTP server for
 * webhooks, which checks each request's signature with the JDK's HMAC (independently of the server's
 * signing code) and answers 500 on paths under {@code /broken}, and GreenMail on the SMTP port the
 * test server's mail session points at (13025, ear/pom.xml). One test class at a time owns them.
 */
final class ChannelReceivers implements AutoCloseable {

    /** One webhook request: its path, body and whether its signature checked out. */
    record Received(String path, String body, boolean signed) {
        JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }
    }

    private final String secret;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpServer hooks;
    private final GreenMail mail;

    private ChannelReceivers(String secret) throws IOException {
        this.secret = secret;
        // Port 0: a free port of its own.
        hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hooks.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String timestamp = exchange.getRequestHeaders().getFirst("X-Promptwatch-Timestamp");
            String signature = exchange.getRequestHeaders().getFirst("X-Promptwatch-Signature");
            received.add(new Received(exchange.getRequestURI().getPath(), body,
                    timestamp != null && signature != null && signature.equals(sign(timestamp + "." + body))));
            int status = exchange.getRequestURI().getPath().startsWith("/broken") ? 500 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        mail = new GreenMail(new ServerSetup(13025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    /** Starts both receivers; webhooks are checked against {@code secret}. */
    static ChannelReceivers start(String secret) throws IOException {
        ChannelReceivers receivers = new ChannelReceivers(secret);
        receivers.hooks.start();
        receivers.mail.start();
        return receivers;
    }

    /** The webhook receiver's address, {@code http://127.0.0.1:port}. */
    String base() {
        return "http://127.0.0.1:" + hooks.getAddress().getPort();
    }

    /** Every webhook request so far, in arrival order. */
    List<Received> received() {
        return received;
    }

    GreenMail mail() {
        return mail;
    }

    /** HMAC-SHA256 of {@code content} with the secret, as {@code sha256=<hex>}. */
    String sign(String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        hooks.stop(0);
        mail.stop();
    }
}
