package io.promptwatch.alerting.entity;

import io.promptwatch.persistence.BooleanAsSmallint;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** One attempt to deliver one notice of an alert to one channel, and how it went. */
@Entity
@Table(name = "alert_notification")
@NamedQuery(name = AlertNotification.OF_ALERT, query = "SELECT n FROM AlertNotification n WHERE n.alertId = :alertId ORDER BY n.id")
@NamedQuery(name = AlertNotification.FAILED_SINCE,
        query = "SELECT COUNT(n) FROM AlertNotification n WHERE n.delivered = false AND n.at >= :since")
public class AlertNotification {

    public static final String OF_ALERT = "AlertNotification.ofAlert";
    public static final String FAILED_SINCE = "AlertNotification.failedSince";
    static final int MAX_DETAIL = 500;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "alert_id")
    private String alertId;
    @Column(name = "channel_id")
    private String channelId;
    @Column(name = "channel_name")
    private String channelName;
    private String kind;
    private int attempt;
    @Convert(converter = BooleanAsSmallint.class)
    private boolean delivered;
    @Column(name = "http_status")
    private Integer httpStatus;
    private String detail;
    /** Column occurred_at: AT is a reserved word of Derby's SQL. */
    @Column(name = "occurred_at")
    private Instant at;

    protected AlertNotification() {
    }

    public AlertNotification(String alertId, String channelId, String channelName, String kind, int attempt,
                             boolean delivered, Integer httpStatus, String detail, Instant at) {
        this.alertId = alertId;
        this.channelId = channelId;
        this.channelName = channelName;
        this.kind = kind;
        this.attempt = attempt;
        this.delivered = delivered;
        this.httpStatus = httpStatus;
        this.detail = detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
        this.at = at;
    }

    public String channelId() {
        return channelId;
    }

    public String channelName() {
        return channelName;
    }

    public String kind() {
        return kind;
    }

    public int attempt() {
        return attempt;
    }

    public boolean delivered() {
        return delivered;
    }

    public Integer httpStatus() {
        return httpStatus;
    }

    public String detail() {
        return detail;
    }

    public Instant at() {
        return at;
    }
}
