package io.promptwatch.tracking.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Personal data in free text becomes typed placeholders; secret-looking metadata keys lose their values. */
class PiiRedactorTest {

    @ParameterizedTest
    @ValueSource(strings = {"jane.doe@example.com", "j+tag@mail.example.co.uk", "X_Y%z@sub-domain.example.org"})
    void replacesEmailAddresses(String email) {
        assertEquals("write to [EMAIL] today", PiiRedactor.redactText("write to " + email + " today"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1 415-555-0132", "(415) 555-0132", "030 1234 5678", "415-555-0132", "415.555.0132",
            "+44 20 7946 0958", "+1 (415) 555-0132"})
    void replacesPhoneNumbers(String phone) {
        assertEquals("call [PHONE] now", PiiRedactor.redactText("call " + phone + " now"));
    }

    @Test
    void replacesUsSocialSecurityNumbers() {
        assertEquals("SSN [SSN] on file", PiiRedactor.redactText("SSN 123-45-6789 on file"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111 1111 1111 1111", "4111-1111-1111-1111", "4111111111111111", "5500 0000 0000 0004",
            "3782 822463 10005", "4222222222222"})
    void replacesCreditCardNumbers(String card) {
        assertEquals("card [CREDIT_CARD] expires 12/28", PiiRedactor.redactText("card " + card + " expires 12/28"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.168.1.10", "10.0.0.1", "255.255.255.255", "8.8.8.8"})
    void replacesIpv4Addresses(String ip) {
        assertEquals("from [IP_ADDRESS] at noon", PiiRedactor.redactText("from " + ip + " at noon"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2001:0db8:85a3:0000:0000:8a2e:0370:7334", "2001:db8:85a3::8a2e:370:7334", "fe80::1",
            "2001:DB8::1", "2001:db8::"})
    void replacesIpv6Addresses(String ip) {
        assertEquals("from [IP_ADDRESS] at noon", PiiRedactor.redactText("from " + ip + " at noon"));
    }

    @Test
    void replacesEveryKindInOneText() {
        String text = "Jane (jane@example.com, +1 415-555-0132, SSN 123-45-6789) paid with 4111 1111 1111 1111 from 203.0.113.7.";
        assertEquals("Jane ([EMAIL], [PHONE], SSN [SSN]) paid with [CREDIT_CARD] from [IP_ADDRESS].",
                PiiRedactor.redactText(text));
    }

    @Test
    void replacesEveryOccurrence() {
        assertEquals("[EMAIL] and [EMAIL]", PiiRedactor.redactText("a@example.com and b@example.org"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Summarize the customer's complaint in two sentences.",
            "Upgraded to version 1.4.0 yesterday",
            "42 items in the cart, 3 of them on sale",
            "Founded in 1998, renamed in 2026",
            "Deliver on 2026-11-25 at 10:15",
            "Valid from 2026-11-25 to 2026-12-01",
            "2026-11-25T10:15:30Z",
            "Latency was 1234 ms, cost $0.0042, score 0.87",
            "pages 100-200, chapter 12.3",
            "Price: 1,299.00 EUR",
            "Use std::vector<int> and Foo::bar() in C++",
            "see api::v2::Client",
            "ratio 16:9 at 10:15:30",
            ""})
    void leavesTextWithoutPersonalDataUnchanged(String text) {
        assertEquals(text, PiiRedactor.redactText(text));
    }

    @Test
    void passesNullThrough() {
        assertNull(PiiRedactor.redactText(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"api_key", "apiKey", "API-KEY", "token", "access_token", "refreshToken", "password",
            "client_secret", "credential", "credentials", "Authorization", "private_key", "passwd", "x-auth-token",
            "session.token", "sessionToken", "TOKEN"})
    void recognisesSecretKeys(String key) {
        assertTrue(PiiRedactor.isSecretKey(key), key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"model", "temperature", "region", "user", "customer_email", "keyboard", "author",
            "max_tokens", "prompt_tokens", "completion_tokens", "tokenizer", "tokens"})
    void leavesOrdinaryKeysAlone(String key) {
        assertFalse(PiiRedactor.isSecretKey(key), key);
    }

    @Test
    void redactsSecretValuesAtAnyDepthAndPersonalDataInOtherStrings() {
        JsonObject metadata = json("""
                {
                  "api_key": "sk-live-123",
                  "apiKey": "abc",
                  "token": "t0k",
                  "access_token": "eyJhbGciOi",
                  "password": "hunter2",
                  "client_secret": "s3cr3t",
                  "credential": "c",
                  "credentials": {"user": "svc", "pass": "p"},
                  "Authorization": "Bearer abc.def",
                  "request": {
                    "headers": {"Authorization": "Bearer xyz", "accept": "application/json"},
                    "attempt": 2,
                    "nested": {"deeper": {"password": 12345, "contact": "jane@example.com"}}
                  },
                  "items": [{"token": "t"}, "call 030 1234 5678", 7, false],
                  "customer_email": "jane@example.com",
                  "region": "eu-west-1",
                  "temperature": 0.7,
                  "retries": 3,
                  "streaming": true,
                  "note": null
                }""");
        JsonObject expected = json("""
                {
                  "api_key": "[REDACTED]",
                  "apiKey": "[REDACTED]",
                  "token": "[REDACTED]",
                  "access_token": "[REDACTED]",
                  "password": "[REDACTED]",
                  "client_secret": "[REDACTED]",
                  "credential": "[REDACTED]",
                  "credentials": "[REDACTED]",
                  "Authorization": "[REDACTED]",
                  "request": {
                    "headers": {"Authorization": "[REDACTED]", "accept": "application/json"},
                    "attempt": 2,
                    "nested": {"deeper": {"password": "[REDACTED]", "contact": "[EMAIL]"}}
                  },
                  "items": [{"token": "[REDACTED]"}, "call [PHONE]", 7, false],
                  "customer_email": "[EMAIL]",
                  "region": "eu-west-1",
                  "temperature": 0.7,
                  "retries": 3,
                  "streaming": true,
                  "note": null
                }""");

        JsonObject redacted = PiiRedactor.redactMetadata(metadata);

        assertEquals(expected, redacted);
        assertEquals(JsonValue.ValueType.NUMBER, redacted.get("temperature").getValueType());
        assertEquals(JsonValue.TRUE, redacted.get("streaming"));
        assertFalse(redacted.toString().contains("hunter2"));
        assertFalse(redacted.toString().contains("xyz"));
    }

    @Test
    void leavesMetadataWithoutSecretsOrPersonalDataEqual() {
        JsonObject metadata = json("{\"model\": \"gpt-4o\", \"temperature\": 0.2, \"tags\": [\"a\", \"b\"], \"batch\": {\"size\": 8}}");
        assertEquals(metadata, PiiRedactor.redactMetadata(metadata));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "reach me at jane@example.com or 415-555-0132 | reach me at [EMAIL] or [PHONE]",
            "host 10.1.2.3 and fe80::1 | host [IP_ADDRESS] and [IP_ADDRESS]"})
    void redactsTextValuesInMetadataLikeFreeText(String value, String expected) {
        JsonObject redacted = PiiRedactor.redactMetadata(Json.createObjectBuilder().add("note", value).build());
        assertEquals(expected, redacted.getString("note"));
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
