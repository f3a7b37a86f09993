package io.promptwatch.alerting.control;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature that lets a webhook receiver trust a message: HMAC-SHA256, keyed with the channel's
 * secret, of {@code timestamp + "." + body} (UTF-8), sent as
 * {@code X-Promptwatch-Signature: sha256=<lower-case hex>} beside
 * {@code X-Promptwatch-Timestamp: <epoch seconds>}.
 *
 * <p>The timestamp is inside the signed text so that a captured request cannot be replayed later
 * with a fresh timestamp; a receiver checks the signature and then rejects a timestamp further from
 * its own clock than a tolerance (five minutes is usual), which is what {@link #verify} does. The
 * body is signed as the exact bytes sent: a receiver must verify the raw body before parsing it.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-Promptwatch-Signature";
    public static final String TIMESTAMP_HEADER = "X-Promptwatch-Timestamp";

    private static final String PREFIX = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {
    }

    /** The {@value #SIGNATURE_HEADER} value for {@code body} sent at {@code epochSeconds}. */
    public static String sign(String secret, long epochSeconds, String body) {
        return PREFIX + HexFormat.of().formatHex(mac(secret, epochSeconds, body));
    }

    /**
     * Whether a received request is authentic and fresh: the signature header matches the secret,
     * the timestamp header and the raw body, and the timestamp lies within {@code tolerance} of
     * {@code now} (either side, for clock skew). Malformed headers verify as false; the comparison
     * takes the same time wherever the first differing byte is.
     */
    public static boolean verify(String secret, String timestampHeader, String body, String signatureHeader,
            Instant now, Duration tolerance) {
        if (secret == null || secret.isEmpty() || timestampHeader == null || body == null
                || signatureHeader == null || !signatureHeader.startsWith(PREFIX)) {
            return false;
        }
        long epochSeconds;
        byte[] received;
        try {
            epochSeconds = Long.parseLong(timestampHeader.strip());
            received = HexFormat.of().parseHex(signatureHeader.substring(PREFIX.length()).strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        long age = Math.abs(now.getEpochSecond() - epochSeconds);
        if (age > tolerance.toSeconds()) {
            return false;
        }
        return MessageDigest.isEqual(mac(secret, epochSeconds, body), received);
    }

    private static byte[] mac(String secret, long epochSeconds, String body) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a signature needs a non-empty secret");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return mac.doFinal((epochSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }
}
