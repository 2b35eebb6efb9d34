package org.sharebus.consumers.notice;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.sharebus.consumers.api.ApiParameters;
import org.sharebus.consumers.notice.Notice.NoticeStatus;
import org.sharebus.event.common.Department;
import org.sharebus.uscc.Uscc;

/**
 * Which notices to list: every given criterion must hold. Built from request parameters by
 * {@link #of}, which refuses what it cannot answer, naming the parameter and the rule.
 *
 * @param department target department; null for any
 * @param status     null for any
 * @param uscc       the enterprise, upper case; null for any
 * @param page       page index from 0
 * @param size       page size, 1 to {@value #MAX_SIZE}
 * @param overdue    only the notices not closed by their due day
 */
record NoticeQuery(Department department, NoticeStatus status, String uscc, int page, int size, boolean overdue) {

    static final int DEFAULT_SIZE = 20;
    static final int MAX_SIZE = 100;

    static NoticeQuery of(String department, String status, String uscc, String page, String size) {
        return new NoticeQuery(
                symbol("department", department, NoticeRules.STAFFED.stream().map(Enum::name).toList(), Department::valueOf),
                symbol("status", status, Arrays.stream(NoticeStatus.values()).map(Enum::name).toList(), NoticeStatus::valueOf),
                uscc(uscc), integer("page", page, 0, 0, Integer.MAX_VALUE), integer("size", size, DEFAULT_SIZE, 1, MAX_SIZE), false);
    }

    /**
     * A member of staff's own inbox. Their department is not checked against the departments that
     * receive notices, as an API caller's choice is: staff of one that receives none (外汇管理局, say)
     * have an empty inbox, not an error. {@code overdue} for only the notices past their due day: newest
     * first, those are on the last of hundreds of pages, and the alert on them names only how many there are.
     */
    static NoticeQuery inbox(Department department, String status, boolean overdue, String page) {
        NoticeQuery asked = of(null, status, null, page, null);
        return new NoticeQuery(department, asked.status, null, asked.page, asked.size, overdue);
    }

    NoticeQuery atPage(int other) {
        return new NoticeQuery(department, status, uscc, other, size, overdue);
    }

    private static <E> E symbol(String field, String value, List<String> allowed, Function<String, E> parse) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        String upper = v.toUpperCase(Locale.ROOT);
        if (!allowed.contains(upper)) {
            throw new InvalidNoticeQueryException(field, "enum", field + " must be one of " + String.join(", ", allowed) + ", got '" + v + "'");
        }
        return parse.apply(upper);
    }

    private static String uscc(String value) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        String code = v.strip().toUpperCase(Locale.ROOT);
        Optional<String> problem = Uscc.problem(code);
        if (problem.isPresent()) {
            throw new InvalidNoticeQueryException("uscc", "uscc", "uscc '" + v + "' is not a valid USCC: it " + problem.get());
        }
        return code;
    }

    private static int integer(String field, String value, int absent, int min, int max) {
        return ApiParameters.wholeNumber(field, value, absent, min, max, InvalidNoticeQueryException::new);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** A parameter the inbox cannot answer; names the parameter and the rule it breaks (public accessors: the inbox page reads them). */
    static final class InvalidNoticeQueryException extends RuntimeException {
        private final String field;
        private final String rule;

        InvalidNoticeQueryException(String field, String rule, String message) {
            super(message);
            this.field = field;
            this.rule = rule;
        }

        public String field() {
            return field;
        }

        public String rule() {
            return rule;
        }
    }
}
