package io.promptwatch.reports.export;

import io.promptwatch.tracking.entity.Execution;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.stream.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * Turns a chunk of records into one complete gzip member. A gzip file may hold several members one
 * after the other and reads as their concatenation ({@code gunzip}, {@code GZIPInputStream}), so the
 * export file grows by one member per chunk and can be cut back to any chunk's end on a restart:
 * no compressor state has to survive a crash.
 *
 * <p>CSV is RFC 4180 through Commons CSV with every present value quoted and a missing one left
 * empty, so an absent field ({@code ,,}) and an empty text ({@code ,"",}) stay apart; JSON documents
 * (tags, metadata) are their JSON text. JSON Lines is one object per line with the same names, JSON
 * documents embedded as JSON and missing values as {@code null}.
 */
final class RecordEncoder {

    static final CSVFormat CSV = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL_NON_NULL).get();

    enum Format {
        CSV("csv"), JSONL("jsonl");

        final String label;

        Format(String label) {
            this.label = label;
        }

        static Format of(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }
    }

    private RecordEncoder() {
    }

    /** The CSV header line as a gzip member (JSON Lines has none: an empty array). */
    static byte[] header(Format format) {
        if (format != Format.CSV) {
            return new byte[0];
        }
        return gzip(out -> {
            try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
                printer.printRecord((Object[]) ExportColumns.NAMES);
            }
        });
    }

    /** {@code records} as one gzip member. */
    static byte[] member(List<Execution> records, Format format) {
        return gzip(out -> {
            if (format == Format.CSV) {
                try (CSVPrinter printer = new CSVPrinter(out, CSV)) {
                    for (Execution record : records) {
                        for (ExportColumns.Column column : ExportColumns.ALL) {
                            Object value = column.value().apply(record);
                            printer.print(value == null ? null : value.toString());
                        }
                        printer.println();
                    }
                }
            } else {
                for (Execution record : records) {
                    JsonGenerator json = Json.createGenerator(new NonClosing(out));
                    json.writeStartObject();
                    for (ExportColumns.Column column : ExportColumns.ALL) {
                        write(json, column, record);
                    }
                    json.writeEnd();
                    json.close();
                    out.write('\n');
                }
            }
        });
    }

    private static void write(JsonGenerator json, ExportColumns.Column column, Execution record) {
        Object value = column.value().apply(record);
        if (column.json() && value != null) {
            try (JsonReader reader = Json.createReader(new StringReader(value.toString()))) {
                json.write(column.name(), reader.readValue());
            }
        } else {
            column.writeScalarValue(json, value);
        }
    }

    private interface Body {
        void write(Writer out) throws IOException;
    }

    private static byte[] gzip(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes);
             Writer out = new OutputStreamWriter(gzip, StandardCharsets.UTF_8)) {
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A generator closes its writer; the member's writer must stay open for the next record. */
    private static final class NonClosing extends java.io.FilterWriter {
        NonClosing(Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
