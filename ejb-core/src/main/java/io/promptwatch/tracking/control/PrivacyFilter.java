package io.promptwatch.tracking.control;

import io.promptwatch.hashing.Sha256;
import io.promptwatch.registry.entity.PrivacyMode;
import io.promptwatch.tracking.entity.Execution;

/**
 * Decides what of a record's text may be stored. In every mode but {@code raw}, secrets in the
 * metadata and personal data in the error message are replaced; in {@code hash} mode the input
 * and output are reduced to their SHA-256 and never leave this method.
 */
public final class PrivacyFilter {

    static final int MAX_ERROR_MESSAGE = 2000;

    private PrivacyFilter() {
    }

    /** Placeholders can be longer than what they replace; the column holds 2000 characters. */
    private static String truncate(String text) {
        return text == null || text.length() <= MAX_ERROR_MESSAGE ? text : text.substring(0, MAX_ERROR_MESSAGE);
    }

    /** Fills the privacy-dependent fields of {@code parsed.fields()} for {@code mode}. */
    public static Execution.Fields apply(ExecutionParser.Parsed parsed, PrivacyMode mode) {
        Execution.Fields f = parsed.fields();
        f.privacyMode = mode;
        f.inputHash = parsed.input() == null ? null : Sha256.hex(parsed.input());
        f.outputHash = parsed.output() == null ? null : Sha256.hex(parsed.output());
        switch (mode) {
            case RAW -> {
                f.inputText = parsed.input();
                f.outputText = parsed.output();
                f.metadata = parsed.metadata() == null ? null : parsed.metadata().toString();
            }
            case REDACT -> {
                f.inputText = PiiRedactor.redactText(parsed.input());
                f.outputText = PiiRedactor.redactText(parsed.output());
                f.metadata = parsed.metadata() == null ? null : PiiRedactor.redactMetadata(parsed.metadata()).toString();
                f.errorMessage = truncate(PiiRedactor.redactText(f.errorMessage));
            }
            case HASH -> {
                f.inputText = null;
                f.outputText = null;
                f.metadata = parsed.metadata() == null ? null : PiiRedactor.redactMetadata(parsed.metadata()).toString();
                f.errorMessage = truncate(PiiRedactor.redactText(f.errorMessage));
            }
        }
        return f;
    }
}
