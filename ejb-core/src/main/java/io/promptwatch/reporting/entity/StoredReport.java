package io.promptwatch.reporting.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * A report as the batch jobs stored it, in its three renderings, rendered once from one report
 * object so that they carry the same figures. A report is known by its key (type, prompt, period):
 * a job run again for the same key {@link #replace replaces} the row's content and keeps its id,
 * so links to it stay good and nothing is doubled.
 */
@Entity
@Table(name = "report")
@NamedQuery(name = StoredReport.BY_KEY, query = "SELECT r FROM StoredReport r WHERE r.reportKey = :key")
@NamedQuery(name = StoredReport.PURGE, query = "DELETE FROM StoredReport r WHERE r.periodTo < :before")
public class StoredReport {

    public static final String BY_KEY = "StoredReport.byKey";
    public static final String PURGE = "StoredReport.purge";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    /** The unique key as one text: a UNIQUE constraint over a nullable prompt_id would let NULLs repeat. */
    @Column(name = "report_key")
    private String reportKey;
    @Convert(converter = ReportTypeColumn.class)
    private ReportType type;
    @Column(name = "prompt_id")
    private String promptId;
    @Column(name = "period_from")
    private Instant periodFrom;
    @Column(name = "period_to")
    private Instant periodTo;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "job_execution_id")
    private Long jobExecutionId;
    @Lob
    private String markdown;
    @Lob
    private String html;
    @Lob
    private String json;

    protected StoredReport() {
    }

    /**
     * A report of {@code type} over [{@code periodFrom}, {@code periodTo}); a daily report names its
     * prompt, a comprehensive one none.
     */
    public StoredReport(ReportType type, String promptId, Instant periodFrom, Instant periodTo, Instant createdAt,
                        Long jobExecutionId, String markdown, String html, String json) {
        if ((type == ReportType.DAILY) != (promptId != null)) {
            throw new IllegalArgumentException("a daily report names its prompt, a comprehensive report none");
        }
        if (!periodFrom.isBefore(periodTo)) {
            throw new IllegalArgumentException("a report's period must end after it starts: " + periodFrom + " .. " + periodTo);
        }
        this.reportKey = key(type, promptId, periodFrom, periodTo);
        this.type = type;
        this.promptId = promptId;
        this.periodFrom = periodFrom;
        this.periodTo = periodTo;
        replace(createdAt, jobExecutionId, markdown, html, json);
    }

    /** The text the table's unique constraint holds: {@code daily|<prompt>|<from>|<to>}, {@code comprehensive||<from>|<to>}. */
    public static String key(ReportType type, String promptId, Instant periodFrom, Instant periodTo) {
        return type.label() + "|" + (promptId == null ? "" : promptId) + "|" + periodFrom + "|" + periodTo;
    }

    /** A new rendering of the same report (a rerun of its job): the content and its origin change, the key and id stay. */
    public void replace(Instant createdAt, Long jobExecutionId, String markdown, String html, String json) {
        this.createdAt = Objects.requireNonNull(createdAt);
        this.jobExecutionId = jobExecutionId;
        this.markdown = Objects.requireNonNull(markdown);
        this.html = Objects.requireNonNull(html);
        this.json = Objects.requireNonNull(json);
    }

    /** The rendering in {@code format}. */
    public String rendering(ReportFormat format) {
        return switch (format) {
            case MARKDOWN -> markdown;
            case HTML -> html;
            case JSON -> json;
        };
    }

    public Long id() {
        return id;
    }

    public String key() {
        return reportKey;
    }

    public ReportType type() {
        return type;
    }

    public String promptId() {
        return promptId;
    }

    public Instant periodFrom() {
        return periodFrom;
    }

    public Instant periodTo() {
        return periodTo;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Long jobExecutionId() {
        return jobExecutionId;
    }
}
