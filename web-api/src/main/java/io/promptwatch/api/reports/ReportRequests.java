package io.promptwatch.api.reports;

import io.promptwatch.persistence.StorableInstants;
import io.promptwatch.problem.ProblemException;
import io.promptwatch.reporting.entity.ReportFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The reports API's reading of its query: which rendering a request wants, and the bounds and page
 * size of a listing. Pure, so that the choices are tested without a server.
 */
final class ReportRequests {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private ReportRequests() {
    }

    /**
     * The rendering to answer: {@code ?format} when given (markdown, html, json; a 400 naming it
     * otherwise), else the first of {@code accepted} (media types {@code type/subtype}, the client's
     * order of preference) that names one: {@code text/markdown}, {@code text/html}, {@code application/json},
     * {@code text/*} (Markdown), {@code application/*} or {@code *}{@code /*} (JSON). No Accept at all is JSON;
     * an Accept naming none of them is 406, as problem+json.
     */
    static ReportFormat format(String format, List<String> accepted) {
        if (format != null) {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "markdown", "md" -> ReportFormat.MARKDOWN;
                case "html" -> ReportFormat.HTML;
                case "json" -> ReportFormat.JSON;
                default -> throw ProblemException.invalid("format", "format must be markdown, html or json; got '" + format + "'");
            };
        }
        if (accepted.isEmpty()) {
            return ReportFormat.JSON;
        }
        for (String type : accepted) {
            switch (type.toLowerCase(Locale.ROOT)) {
                case "text/markdown", "text/*":
                    return ReportFormat.MARKDOWN;
                case "text/html":
                    return ReportFormat.HTML;
                case "application/json", "application/*", "*/*":
                    return ReportFormat.JSON;
                default:
                    // not a report's type (application/problem+json among them): the next one
            }
        }
        throw new ProblemException(406, "Not Acceptable", "a report is served as text/markdown, text/html or application/json "
                + "(or ?format=markdown|html|json); the Accept header names none of them", "Accept");
    }

    /** A bound of a listing: a UTC day ({@code 2026-12-01}, its start) or an ISO-8601 instant; null stays null. */
    static Instant bound(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            if (text.length() == 10) {
                return StorableInstants.require(field, LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            return StorableInstants.require(field, Instant.parse(text));
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, field + " must be a UTC day such as 2026-11-25 or an ISO-8601 instant "
                    + "such as 2026-11-25T00:00:00Z; got '" + text + "'");
        }
    }

    /** The page size: 100 unless given, 1 to 500. */
    static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // below
        }
        throw ProblemException.invalid("limit", "limit must be a whole number from 1 to " + MAX_LIMIT + "; got '" + text + "'");
    }
}
