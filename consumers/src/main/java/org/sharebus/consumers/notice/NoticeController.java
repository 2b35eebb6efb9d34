package org.sharebus.consumers.notice;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/notices?department=&status=&uscc=&page=&size=}: notices from the inbox read
 * model, newest first, one page at a time. A parameter the inbox cannot answer is a 400 problem
 * naming the parameter and the rule ({@code enum}, {@code uscc}, {@code type}, {@code min},
 * {@code max}). Like the rest of {@code /api/v1}, for the government network only
 * (docs/decisions.md).
 */
@RestController
class NoticeController {

    private final NoticeInbox inbox;

    NoticeController(NoticeInbox inbox) {
        this.inbox = inbox;
    }

    @GetMapping("/api/v1/notices")
    NoticePage notices(@RequestParam(required = false) String department, @RequestParam(required = false) String status,
                       @RequestParam(required = false) String uscc, @RequestParam(required = false) String page,
                       @RequestParam(required = false) String size) {
        return inbox.page(NoticeQuery.of(department, status, uscc, page, size));
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
