package io.promptwatch.alerting.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final Instant SIGNED_AT = Instant.ofEpochSecond(1_700_000_000L);
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    @Test
    void signsTimestampDotBodyLikeOpenssl() {
        // $ printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac secret
        // SHA2-256(stdin)= 49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686
        assertEquals("sha256=49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686",
                WebhookSignature.sign("secret", 1_700_000_000L, "{\"a\":1}"));
    }

    @Test
    void signsTheUtf8BytesOfBodyAndSecret() {
        // $ printf '%s' '1700000000.{"detail":"2.0.0 → 1.0.0"}' | openssl dgst -sha256 -hmac secret
        // SHA2-256(stdin)= 82a5a50646c9e790aab095aed53e21affcc14b2ce614b77d4abbad8c91379d3e
        assertEquals("sha256=82a5a50646c9e790aab095aed53e21affcc14b2ce614b77d4abbad8c91379d3e",
                WebhookSignature.sign("secret", 1_700_000_000L, "{\"detail\":\"2.0.0 → 1.0.0\"}"));
        // $ printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'whsec_ä'   (UTF-8 terminal)
        // SHA2-256(stdin)= 5307c46b691b418b0a22557dd8a828573c75855213ce6fab9ceca97c68d6496a
        // (Python's hmac.new('whsec_ä'.encode(), ..., sha256) gives the same)
        assertEquals("sha256=5307c46b691b418b0a22557dd8a828573c75855213ce6fab9ceca97c68d6496a",
                WebhookSignature.sign("whsec_ä", 1_700_000_000L, "{\"a\":1}"));
    }

    @Test
    void verifiesWhatItSigned() {
        String header = WebhookSignature.sign("secret", 1_700_000_000L, "{\"a\":1}");
        assertTrue(WebhookSignature.verify("secret", "1700000000", "{\"a\":1}", header, SIGNED_AT, FIVE_MINUTES));
        assertTrue(WebhookSignature.verify("secret", "1700000000", "{\"a\":1}", header,
                SIGNED_AT.plus(FIVE_MINUTES), FIVE_MINUTES), "exactly at the tolerance");
        assertTrue(WebhookSignature.verify("secret", "1700000000", "{\"a\":1}", header.toUpperCase(java.util.Locale.ROOT).replace("SHA256=", "sha256="),
                SIGNED_AT, FIVE_MINUTES), "hex digits in either case");
    }

    @Test
    void rejectsATamperedBodyTimestampOrSecret() {
        String header = WebhookSignature.sign("secret", 1_700_000_000L, "{\"a\":1}");
        assertFalse(WebhookSignature.verify("secret", "1700000000", "{\"a\":2}", header, SIGNED_AT, FIVE_MINUTES));
        assertFalse(WebhookSignature.verify("secret", "1700000001", "{\"a\":1}", header, SIGNED_AT, FIVE_MINUTES));
        assertFalse(WebhookSignature.verify("other", "1700000000", "{\"a\":1}", header, SIGNED_AT, FIVE_MINUTES));
    }

    @Test
    void rejectsAReplayOutsideTheTolerance() {
        String header = WebhookSignature.sign("secret", 1_700_000_000L, "{\"a\":1}");
        Instant sixMinutesLater = SIGNED_AT.plus(Duration.ofMinutes(6));
        assertFalse(WebhookSignature.verify("secret", "1700000000", "{\"a\":1}", header, sixMinutesLater, FIVE_MINUTES));
        Instant sixMinutesEarlier = SIGNED_AT.minus(Duration.ofMinutes(6));
        assertFalse(WebhookSignature.verify("secret", "1700000000", "{\"a\":1}", header, sixMinutesEarlier, FIVE_MINUTES),
                "a timestamp from the future beyond the skew is as suspect");
    }

    @Test
    void malformedHeadersVerifyAsFalse() {
        String header = WebhookSignature.sign("secret", 1_700_000_000L, "{\"a\":1}");
        assertFalse(WebhookSignature.verify("secret", "yesterday", "{\"a\":1}", header, SIGNED_AT, FIVE_MINUTES));
        assertFalse(WebhookSignature.verify("secret", "1700000000", "{\"a\":1}", "sha256=zz", SIGNED_AT, FIVE_MINUTES));
        assertFalse(WebhookSignature.verify("secret", "1700000000", "{\"a\":1}", header.substring(7), SIGNED_AT, FIVE_MINUTES));
        assertFalse(WebhookSignature.verify("secret", null, "{\"a\":1}", header, SIGNED_AT, FIVE_MINUTES));
        assertFalse(WebhookSignature.verify("secret", "1700000000", "{\"a\":1}", null, SIGNED_AT, FIVE_MINUTES));
        assertFalse(WebhookSignature.verify("", "1700000000", "{\"a\":1}", header, SIGNED_AT, FIVE_MINUTES));
    }

    @Test
    void signingNeedsASecret() {
        assertThrows(IllegalArgumentException.class, () -> WebhookSignature.sign("", 1L, "{}"));
        assertThrows(IllegalArgumentException.class, () -> WebhookSignature.sign(null, 1L, "{}"));
    }
}
