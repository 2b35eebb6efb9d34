package org.sharebus.consumers.notice;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.sharebus.consumers.api.ApiCaller;
import org.sharebus.consumers.api.ApiParameters;
import org.sharebus.consumers.api.NotPermittedException;
import org.sharebus.consumers.notice.Notice.NoticeStatus;
import org.sharebus.consumers.search.SearchPage;
import org.sharebus.event.common.Department;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/notices?department=&status=&uscc=&page=&size=}: notices from the inbox read
 * model, newest first, one page at a time, for one target department ({@code department}: the
 * calling department's by default). A parameter the inbox cannot answer is a 400 problem naming
 * the parameter and the rule ({@code required}, {@code enum}, {@code uscc}, {@code type},
 * {@code min}, {@code max}).
 *
 * <p>A department system reads its own inbox only: {@code department} defaults to the caller's
 * and another's is 403 ({@code rule}: {@code own-department}); another instance of the bus may read
 * any. The answer carries no staff words: who acknowledged or closed a notice, the remark and the
 * outcome are INTERNAL (NoticeEvent.avsc) and shown only in the staff inbox.
 */
@RestController
class NoticeController {

    private static final List<String> PARAMETERS = List.of("department", "status", "uscc", "page", "size");

    private final NoticeInbox inbox;

    NoticeController(NoticeInbox inbox) {
        this.inbox = inbox;
    }

    @GetMapping("/api/v1/notices")
    ApiPage notices(
            @Parameter(description = "The department the notices are for; a department's key reads its own only, and this defaults to it")
            @RequestParam(required = false) String department,
            @Parameter(description = "Handling status", schema = @Schema(implementation = Notice.NoticeStatus.class))
            @RequestParam(required = false) String status,
            @Parameter(description = "Only the notices about this enterprise (its 18-character USCC)") @RequestParam(required = false) String uscc,
            @Parameter(description = "Page index, from 0", schema = @Schema(type = "integer", format = "int32", minimum = "0", defaultValue = "0"))
            @RequestParam(required = false) String page,
            @Parameter(description = "Notices a page", schema = @Schema(type = "integer", format = "int32", minimum = "1",
                    maximum = "" + NoticeQuery.MAX_SIZE, defaultValue = "" + NoticeQuery.DEFAULT_SIZE))
            @RequestParam(required = false) String size, @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
                    HttpServletRequest request) {
        ApiParameters.unknown(request.getParameterMap().keySet(), PARAMETERS).ifPresent(parameter -> {
            throw new NoticeQuery.InvalidNoticeQueryException(parameter, "unknown",
                    "the notices take " + String.join(", ", PARAMETERS) + "; '" + parameter + "' is none of them");
        });
        if ((department == null || department.isBlank()) && !caller.isInstance()) {
            department = caller.department().name();
        }
        if (department == null || department.isBlank()) {
            throw new NoticeQuery.InvalidNoticeQueryException("department", "required",
                    "department is required: one of " + NoticeRules.STAFFED.stream().map(Enum::name).sorted().toList());
        }
        NoticeQuery query = NoticeQuery.of(department, status, uscc, page, size);
        if (!caller.isInstance() && query.department() != caller.department()) {
            throw new NotPermittedException("department", "own-department",
                    caller + " may read its own notices only, not " + query.department() + "'s");
        }
        SearchPage<Notice> found = inbox.page(query);
        return new ApiPage(found.content().stream().map(ApiNotice::of).toList(), found.page(), found.size(), found.totalElements());
    }

    /** One page of notices as the API answers it. */
    record ApiPage(List<ApiNotice> content, int page, int size, long totalElements) {
    }

    /** A notice without the staff's words: no acknowledgedBy, acknowledgeRemark, closedBy or outcome. */
    record ApiNotice(UUID id, String uscc, String ruleCode, Department targetDepartment, Department sourceDepartment,
                     String sourceEventId, String sourceEventType, String sourceDocNo, String enterpriseName,
                     String summaryZh, String summaryEn, String suggestedActionZh, String suggestedActionEn, String basis,
                     Instant raisedAt, LocalDate dueOn, NoticeStatus status, Instant acknowledgedAt, Instant closedAt,
                     boolean overdue) {

        static ApiNotice of(Notice n) {
            return new ApiNotice(n.id(), n.uscc(), n.ruleCode(), n.targetDepartment(), n.sourceDepartment(), n.sourceEventId(),
                    n.sourceEventType(), n.sourceDocNo(), n.enterpriseName(), n.summaryZh(), n.summaryEn(), n.suggestedActionZh(),
                    n.suggestedActionEn(), n.basis(), n.raisedAt(), n.dueOn(), n.status(), n.acknowledgedAt(), n.closedAt(), n.overdue());
        }
    }

    @ExceptionHandler(NoticeQuery.InvalidNoticeQueryException.class)
    ResponseEntity<ProblemDetail> invalid(NoticeQuery.InvalidNoticeQueryException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setType(URI.create("urn:sharebus:problem:invalid-notice-query"));
        problem.setTitle("Invalid notice query parameter");
        problem.setProperty("field", e.field());
        problem.setProperty("rule", e.rule());
        return ResponseEntity.badRequest().body(problem);
    }
}
