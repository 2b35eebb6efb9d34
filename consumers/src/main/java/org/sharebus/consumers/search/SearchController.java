package org.sharebus.consumers.search;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.sharebus.consumers.api.ApiCaller;
import org.sharebus.consumers.api.NotPermittedException;
import org.sharebus.consumers.rules.Rules;
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
 * {@code GET /api/v1/enterprises?name=&district=&riskClass=&status=&page=&size=}: enterprises from
 * the search read model, by name, one page at a time. A parameter the search cannot answer is a
 * 400 problem naming the parameter and the rule ({@code enum}, {@code type}, {@code min}, {@code max},
 * {@code max-length}).
 *
 * <p>The credit-risk class is the risk department's INTERNAL fact (as on the staff pages): other
 * departments get the results without class and score, and a search by class is 403 for them.
 */
@RestController
class SearchController {

    private final EnterpriseSearch search;
    private final Department riskDepartment;

    SearchController(EnterpriseSearch search, Rules rules) {
        this.search = search;
        this.riskDepartment = rules.risk().department();
    }

    @GetMapping("/api/v1/enterprises")
    SearchPage<EnterpriseSummary> search(@RequestParam(required = false) String name, @RequestParam(required = false) String district,
                                         @RequestParam(required = false) String riskClass, @RequestParam(required = false) String status,
                                         @RequestParam(required = false) String page, @RequestParam(required = false) String size,
                                         @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, HttpServletRequest request) {
        SearchCriteria.refuseUnknown(request.getParameterMap().keySet());
        SearchCriteria criteria = SearchCriteria.of(name, district, riskClass, status, page, size);
        if (caller.seesInternalOf(riskDepartment)) {
            return search.search(criteria);
        }
        if (criteria.riskClass() != null) {
            throw new NotPermittedException("riskClass", "internal", "the credit-risk class is " + riskDepartment
                    + "'s INTERNAL classification (企业信用风险分类): " + caller + " may not search by it");
        }
        SearchPage<EnterpriseSummary> found = search.search(criteria);
        return new SearchPage<>(found.content().stream().map(EnterpriseSummary::withoutRisk).toList(), found.page(), found.size(),
                found.totalElements());
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
