package io.promptwatch.tracking.boundary;

import io.promptwatch.persistence.StorableInstants;
import io.promptwatch.persistence.StorableTexts;
import io.promptwatch.problem.ProblemException;
import io.promptwatch.problem.StoreUnavailableException;
import io.promptwatch.registry.entity.PrivacyMode;
import io.promptwatch.tracking.control.ExecutionScans;
import io.promptwatch.tracking.control.PiiRedactor;
import io.promptwatch.tracking.entity.Execution;
import io.promptwatch.tracking.entity.ExecutionKeys;
import io.promptwatch.tracking.entity.FeedbackChanged;
import io.promptwatch.tracking.entity.IdSpan;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads stored executions: newest first with keyset pagination on (timestamp, id), so a page
 * costs the same however deep it is and inserts do not shift pages already read.
 */
@Stateless
public class ExecutionQuery {

    @PersistenceContext(unitName = "promptwatch")
    EntityManager em;

    @Resource(lookup = "jdbc/promptwatch")
    DataSource dataSource;

    @Inject
    Event<FeedbackChanged> feedbackChanged;

    @Inject
    @ConfigProperty(name = "promptwatch.executions.page.default")
    int defaultPageSize;

    @Inject
    @ConfigProperty(name = "promptwatch.executions.page.max")
    int maxPageSize;

    private record Cursor(Instant timestamp, long id) {
        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((timestamp + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String text) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|");
                Instant timestamp = Instant.parse(parts[0]);
                if (!StorableInstants.contains(timestamp)) {
                    throw new IllegalArgumentException("no record has this timestamp");
                }
                return new Cursor(timestamp, Long.parseLong(parts[1]));
            } catch (IllegalArgumentException | DateTimeParseException | ArrayIndexOutOfBoundsException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this server returned");
            }
        }
    }

    public ExecutionPage list(ExecutionFilter filter, Integer limit, String cursor) {
        int size = limit == null ? defaultPageSize : limit;
        if (size < 1 || size > maxPageSize) {
            throw ProblemException.invalid("limit", "must be from 1 to " + maxPageSize + "; got " + size);
        }
        StringBuilder jpql = new StringBuilder("SELECT e FROM Execution e WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        condition(jpql, params, "e.promptId = :promptId", "promptId", filter.promptId());
        condition(jpql, params, "e.version = :version", "version", filter.version());
        condition(jpql, params, "e.model = :model", "model", filter.model());
        condition(jpql, params, "e.success = :success", "success", filter.success());
        condition(jpql, params, "e.timestamp >= :from", "from", filter.from());
        condition(jpql, params, "e.timestamp < :to", "to", filter.to());
        if (cursor != null) {
            Cursor after = Cursor.decode(cursor);
            jpql.append(" AND (e.timestamp < :cts OR (e.timestamp = :cts AND e.id < :cid))");
            params.put("cts", after.timestamp());
            params.put("cid", after.id());
        }
        jpql.append(" ORDER BY e.timestamp DESC, e.id DESC");
        TypedQuery<Execution> query = em.createQuery(jpql.toString(), Execution.class).setMaxResults(size + 1);
        params.forEach(query::setParameter);
        List<Execution> rows = new ArrayList<>(query.getResultList());
        String next = null;
        if (rows.size() > size) {
            rows.remove(size);
            Execution last = rows.get(size - 1);
            next = new Cursor(last.timestamp(), last.id()).encode();
        }
        return new ExecutionPage(rows, next);
    }

    /**
     * The lowest and highest id and the number of the records matching {@code filter} now (null when
     * none does): where a job that reads the selection in id order ({@link #inIdRange}, {@link IdWalk})
     * starts and stops. One query, which the time and prompt indexes serve.
     */
    public IdSpan span(ExecutionFilter filter) {
        try (Connection connection = dataSource.getConnection()) {
            return ExecutionScans.span(connection, condition(filter));
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
    }

    /**
     * Up to {@code limit} records matching {@code filter} with an id in ({@code afterId}, {@code throughId}],
     * lowest id first: one window of an {@link IdWalk}, read along the primary key
     * ({@link ExecutionScans}). Ids follow commit order and are never reused, so a reader that remembers
     * the last id it examined (its checkpoint) resumes exactly there; they may have gaps.
     */
    public List<Execution> inIdRange(ExecutionFilter filter, long afterId, long throughId, int limit) {
        if (limit < 1 || limit > maxPageSize) {
            throw ProblemException.invalid("limit", "must be from 1 to " + maxPageSize + "; got " + limit);
        }
        List<Long> ids;
        try (Connection connection = dataSource.getConnection()) {
            ids = ExecutionScans.ids(connection, condition(filter), afterId, throughId, limit);
        } catch (SQLException e) {
            throw new StoreUnavailableException(e);
        }
        return ExecutionScans.load(em, ids);
    }

    private static ExecutionScans.Condition condition(ExecutionFilter filter) {
        StringBuilder sql = new StringBuilder("1 = 1");
        List<Object> parameters = new ArrayList<>();
        column(sql, parameters, "prompt_id = ?", filter.promptId());
        column(sql, parameters, "version = ?", filter.version());
        column(sql, parameters, "model = ?", filter.model());
        column(sql, parameters, "success = ?", filter.success());
        column(sql, parameters, "ts >= ?", filter.from());
        column(sql, parameters, "ts < ?", filter.to());
        return new ExecutionScans.Condition(sql.toString(), parameters);
    }

    private static void column(StringBuilder sql, List<Object> parameters, String clause, Object value) {
        if (value != null) {
            sql.append(" AND ").append(clause);
            parameters.add(value);
        }
    }

    public Execution find(String executionId) {
        // Open addressing: probe from the id's hash until its record or a free key.
        for (long key = ExecutionKeys.hash(executionId); ; key++) {
            Execution found = em.createNamedQuery(Execution.BY_KEY, Execution.class)
                    .setParameter("key", key)
                    .getResultStream()
                    .findFirst()
                    .orElseThrow(() -> ProblemException.notFound("no execution with id '" + executionId + "'"));
            if (found.executionId().equals(executionId)) {
                return found;
            }
        }
    }

    public Execution giveFeedback(String executionId, Integer score, String comment) {
        if (score == null) {
            throw ProblemException.invalid("score", "score is required: an integer from 1 to 5");
        }
        if (comment != null && comment.length() > 2000) {
            throw ProblemException.invalid("comment", "is longer than 2000 characters");
        }
        StorableTexts.require("comment", comment);
        Execution execution = find(executionId);
        Integer before = execution.userFeedback();
        execution.giveFeedback(score, execution.privacyMode() == PrivacyMode.RAW ? comment : PiiRedactor.redactText(comment));
        feedbackChanged.fire(new FeedbackChanged(execution.id(), execution.timestamp(), execution.promptId(),
                execution.version(), execution.model(), execution.domain(), before, score));
        return execution;
    }

    private static void condition(StringBuilder jpql, Map<String, Object> params, String clause, String name, Object value) {
        if (value != null) {
            jpql.append(" AND ").append(clause);
            params.put(name, value);
        }
    }
}
