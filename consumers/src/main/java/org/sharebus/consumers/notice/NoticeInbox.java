package org.sharebus.consumers.notice;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.sharebus.consumers.notice.Notice.NoticeStatus;
import org.sharebus.consumers.rules.Rules;
import org.sharebus.consumers.search.SearchPage;
import org.sharebus.event.common.Department;
import org.sharebus.notice.NoticeAcknowledged;
import org.sharebus.notice.NoticeClosed;
import org.sharebus.notice.NoticeEvent;
import org.sharebus.notice.NoticeRaised;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The notice inbox read model in PostgreSQL ({@code consumers.notice}): written by
 * {@link NoticeProjection} (and by {@link NoticeActions} with a record the broker has acknowledged),
 * read by the inbox page, the API and the gauges.
 *
 * <p>Every write is idempotent and independent of order: the raise is written once, and of several
 * acknowledgements or closings the earliest wins, so reading a record twice, or an action before
 * the notice it acts on, ends in the same row.
 */
@Service
public class NoticeInbox {

    private static final String COLUMNS = "notice_id, uscc, rule_code, target_department, source_department, source_event_id,"
            + " source_event_type, source_doc_no, enterprise_name, summary_zh, summary_en, action_zh, action_en, basis, raised_at,"
            + " due_on, status, acknowledged_at, acknowledged_by, acknowledge_remark, closed_at, closed_by, outcome";

    private final JdbcClient jdbc;
    private final Rules rules;
    private final Clock clock = Clock.systemUTC();

    NoticeInbox(JdbcClient jdbc, Rules rules) {
        this.jdbc = jdbc;
        this.rules = rules;
    }

    /**
     * Applies one notice record.
     *
     * @return whether the record changed the row (false for a record already applied, or an action
     *         later than one already applied)
     */
    boolean apply(NoticeEvent record) {
        Object payload = record.getPayload();
        if (payload instanceof NoticeRaised raised) {
            return raised(record, raised);
        }
        if (payload instanceof NoticeAcknowledged ack) {
            return acknowledged(record, ack);
        }
        if (payload instanceof NoticeClosed closed) {
            return closed(record, closed);
        }
        throw new IllegalArgumentException("notice " + record.getNoticeId() + " has an unknown payload " + payload.getClass().getName());
    }

    private boolean raised(NoticeEvent record, NoticeRaised r) {
        return jdbc.sql("""
                        INSERT INTO consumers.notice (notice_id, uscc, rule_code, target_department, source_department, source_event_id,
                            source_event_type, source_doc_no, enterprise_name, summary_zh, summary_en, action_zh, action_en, basis,
                            raised_at, due_on)
                        VALUES (:id, :uscc, :rule, :target, :source, :sourceEventId, :sourceEventType, :sourceDocNo, :name,
                            :summaryZh, :summaryEn, :actionZh, :actionEn, :basis, :raisedAt, :dueOn)
                        ON CONFLICT (notice_id) DO UPDATE SET rule_code = EXCLUDED.rule_code,
                            target_department = EXCLUDED.target_department, source_department = EXCLUDED.source_department,
                            source_event_id = EXCLUDED.source_event_id, source_event_type = EXCLUDED.source_event_type,
                            source_doc_no = EXCLUDED.source_doc_no, enterprise_name = EXCLUDED.enterprise_name,
                            summary_zh = EXCLUDED.summary_zh, summary_en = EXCLUDED.summary_en, action_zh = EXCLUDED.action_zh,
                            action_en = EXCLUDED.action_en, basis = EXCLUDED.basis, raised_at = EXCLUDED.raised_at,
                            due_on = EXCLUDED.due_on
                        WHERE consumers.notice.raised_at IS NULL""")
                .param("id", record.getNoticeId())
                .param("uscc", record.getUscc())
                .param("rule", r.getRuleCode())
                .param("target", r.getTargetDepartment().name())
                .param("source", r.getSourceDepartment().name())
                .param("sourceEventId", r.getSourceEventId())
                .param("sourceEventType", r.getSourceEventType())
                .param("sourceDocNo", r.getSourceDocNo())
                .param("name", r.getEnterpriseName())
                .param("summaryZh", r.getSummaryZh())
                .param("summaryEn", r.getSummaryEn())
                .param("actionZh", r.getSuggestedActionZh())
                .param("actionEn", r.getSuggestedActionEn())
                .param("basis", r.getBasis())
                .param("raisedAt", Timestamp.from(r.getRaisedAt()))
                .param("dueOn", Date.valueOf(r.getDueOn()))
                .update() == 1;
    }

    private boolean acknowledged(NoticeEvent record, NoticeAcknowledged a) {
        return jdbc.sql("""
                        INSERT INTO consumers.notice (notice_id, uscc, acknowledged_at, acknowledged_by, acknowledge_remark)
                        VALUES (:id, :uscc, :at, :by, :remark)
                        ON CONFLICT (notice_id) DO UPDATE SET acknowledged_at = EXCLUDED.acknowledged_at,
                            acknowledged_by = EXCLUDED.acknowledged_by, acknowledge_remark = EXCLUDED.acknowledge_remark
                        WHERE consumers.notice.acknowledged_at IS NULL OR EXCLUDED.acknowledged_at < consumers.notice.acknowledged_at""")
                .param("id", record.getNoticeId())
                .param("uscc", record.getUscc())
                .param("at", Timestamp.from(record.getOccurredAt()))
                .param("by", a.getAcknowledgedBy())
                .param("remark", a.getRemark())
                .update() == 1;
    }

    private boolean closed(NoticeEvent record, NoticeClosed c) {
        // A close of an unacknowledged notice acknowledges it: the same person, at the same time. Not the bus's own close
        // (a repaired record's notice): the department never signed for it, and its inbox said "sharebus 于 … 签收".
        boolean byStaff = !NoticeRouter.CLOSED_BY.equals(c.getClosedBy());
        return jdbc.sql("""
                        INSERT INTO consumers.notice (notice_id, uscc, closed_at, closed_by, outcome, acknowledged_at, acknowledged_by)
                        VALUES (:id, :uscc, :at, :by, :outcome, :ackAt, :ackBy)
                        ON CONFLICT (notice_id) DO UPDATE SET closed_at = EXCLUDED.closed_at, closed_by = EXCLUDED.closed_by,
                            outcome = EXCLUDED.outcome,
                            acknowledged_at = COALESCE(consumers.notice.acknowledged_at, EXCLUDED.acknowledged_at),
                            acknowledged_by = COALESCE(consumers.notice.acknowledged_by, EXCLUDED.acknowledged_by)
                        WHERE consumers.notice.closed_at IS NULL OR EXCLUDED.closed_at < consumers.notice.closed_at""")
                .param("id", record.getNoticeId())
                .param("uscc", record.getUscc())
                .param("at", Timestamp.from(record.getOccurredAt()))
                .param("by", c.getClosedBy())
                .param("outcome", c.getOutcome())
                .param("ackAt", byStaff ? Timestamp.from(record.getOccurredAt()) : null, Types.TIMESTAMP)
                .param("ackBy", byStaff ? c.getClosedBy() : null, Types.VARCHAR)
                .update() == 1;
    }

    /** A raised notice by id; empty when unknown (or only an action on it has been read so far). */
    public Optional<Notice> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM consumers.notice WHERE notice_id = :id AND raised_at IS NOT NULL")
                .param("id", id).query(this::row).optional();
    }

    /** The raised notices that match every criterion, newest first, one page. */
    SearchPage<Notice> page(NoticeQuery query) {
        List<String> where = new ArrayList<>(List.of("raised_at IS NOT NULL"));
        Map<String, Object> params = new LinkedHashMap<>();
        if (query.department() != null) {
            where.add("target_department = :department");
            params.put("department", query.department().name());
        }
        if (query.status() != null) {
            where.add("status = :status");
            params.put("status", query.status().name());
        }
        if (query.uscc() != null) {
            where.add("uscc = :uscc");
            params.put("uscc", query.uscc());
        }
        if (query.overdue()) {
            // As the overdue mark and sharebus_notices_overdue count them.
            where.add("status <> 'CLOSED' AND due_on < :today");
            params.put("today", Date.valueOf(today()));
        }
        String condition = " WHERE " + String.join(" AND ", where);
        long total = jdbc.sql("SELECT count(*) FROM consumers.notice" + condition).params(params).query(Long.class).single();
        List<Notice> content = jdbc.sql("SELECT " + COLUMNS + " FROM consumers.notice" + condition
                        + " ORDER BY raised_at DESC, notice_id LIMIT :limit OFFSET :offset")
                .params(params).param("limit", query.size()).param("offset", (long) query.page() * query.size())
                .query(this::row).list();
        return new SearchPage<>(content, query.page(), query.size(), total);
    }

    /** Per target department: notices not yet closed, and of those the ones past their due day. */
    Map<Department, Counts> counts() {
        Map<Department, Counts> counts = new EnumMap<>(Department.class);
        jdbc.sql("""
                        SELECT target_department, count(*) AS open, count(*) FILTER (WHERE due_on < :today) AS overdue
                        FROM consumers.notice WHERE raised_at IS NOT NULL AND status <> 'CLOSED' GROUP BY target_department""")
                .param("today", Date.valueOf(today()))
                .query((rs, n) -> counts.put(Department.valueOf(rs.getString("target_department")),
                        new Counts(rs.getLong("open"), rs.getLong("overdue"))))
                .list();
        return counts;
    }

    record Counts(long open, long overdue) {
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), rules.zone());
    }

    private Notice row(ResultSet rs, int n) throws SQLException {
        LocalDate dueOn = rs.getDate("due_on").toLocalDate();
        NoticeStatus status = NoticeStatus.valueOf(rs.getString("status"));
        return new Notice(rs.getObject("notice_id", UUID.class), rs.getString("uscc"), rs.getString("rule_code"),
                Department.valueOf(rs.getString("target_department")), Department.valueOf(rs.getString("source_department")),
                rs.getString("source_event_id"), rs.getString("source_event_type"), rs.getString("source_doc_no"),
                rs.getString("enterprise_name"), rs.getString("summary_zh"), rs.getString("summary_en"), rs.getString("action_zh"),
                rs.getString("action_en"), rs.getString("basis"), instant(rs, "raised_at"), dueOn, status,
                instant(rs, "acknowledged_at"), rs.getString("acknowledged_by"), rs.getString("acknowledge_remark"),
                instant(rs, "closed_at"), rs.getString("closed_by"), rs.getString("outcome"),
                status != NoticeStatus.CLOSED && dueOn.isBefore(today()));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
