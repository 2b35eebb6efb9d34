package org.sharebus.consumers.notice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.sharebus.event.common.Department;

/**
 * One notice as the inbox shows it (a row of {@code consumers.notice}).
 *
 * @param overdue not closed, and its due day has passed (Asia/Shanghai)
 */
public record Notice(UUID id, String uscc, String ruleCode, Department targetDepartment, Department sourceDepartment,
                     String sourceEventId, String sourceEventType, String sourceDocNo, String enterpriseName,
                     String summaryZh, String summaryEn, String suggestedActionZh, String suggestedActionEn, String basis,
                     Instant raisedAt, LocalDate dueOn, NoticeStatus status, Instant acknowledgedAt, String acknowledgedBy,
                     String acknowledgeRemark, Instant closedAt, String closedBy, String outcome, boolean overdue) {

    /** The notice's life: 待签收 → 已签收 → 已办结. Closing an open notice acknowledges it too. */
    public enum NoticeStatus { OPEN, ACKNOWLEDGED, CLOSED }
}
