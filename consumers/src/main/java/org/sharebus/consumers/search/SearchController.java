package org.sharebus.consumers.search;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/enterprises?name=&district=&riskClass=&status=&page=&size=}: enterprises from
 * the search read model, by name, one page at a time. A parameter the search cannot answer is a
 * 400 problem naming the parameter and the rule ({@code enum}, {@code type}, {@code min}, {@code max},
 * {@code max-length}).
 */
@RestController
class SearchController {

    private final EnterpriseSearch search;

    SearchController(EnterpriseSearch search) {
        this.search = search;
    }

    @GetMapping("/api/v1/enterprises")
    SearchPage<EnterpriseSummary> search(@RequestParam(required = false) String name, @RequestParam(required = false) String district,
                                         @RequestParam(required = false) String riskClass, @RequestParam(required = false) String status,
                                         @RequestParam(required = false) String page, @RequestParam(required = false) String size) {
        return search.search(SearchCriteria.of(name, district, riskClass, status, page, size));
    }

    @ExceptionHandler(InvalidSearchException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidSearchException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setType(URI.create("urn:sharebus:problem:invalid-search"));
        problem.setTitle("Invalid search parameter");
        problem.setProperty("field", e.field());
        problem.setProperty("rule", e.rule());
        return ResponseEntity.badRequest().body(problem);
    }
}
