package io.promptwatch.statistics.entity;

import jakarta.json.bind.adapter.JsonbAdapter;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import java.util.Arrays;

/**
 * Where a sequential evaluation leaves an experiment. Its words are what clients read in JSON and
 * what a stopped experiment stores, so they never change with the constant's name.
 */
@JsonbTypeAdapter(Decision.Words.class)
public enum Decision {
    CONTINUE("continue"),
    WINS("stop: variant wins"),
    NO_DIFFERENCE("stop: no meaningful difference"),
    HARMS("stop: variant harms");

    private final String words;

    Decision(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    /** @throws IllegalArgumentException if no decision says {@code words} */
    public static Decision ofWords(String words) {
        return Arrays.stream(values()).filter(d -> d.words.equals(words)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no decision says '" + words + "'"));
    }

    /** JSON-B writes an enum by its name unless told otherwise; this writes and reads the words. */
    public static class Words implements JsonbAdapter<Decision, String> {
        @Override
        public String adaptToJson(Decision decision) {
            return decision.words;
        }

        @Override
        public Decision adaptFromJson(String words) {
            return ofWords(words);
        }
    }
}
