package org.sharebus.consumers.search;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
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
    SearchPage<EnterpriseSummary> search(
            @Parameter(description = "Part of the enterprise's name, or of its USCC", schema = @Schema(maxLength = SearchCriteria.MAX_NAME_LENGTH))
            @RequestParam(required = false) String name,
            @Parameter(description = "District: its name (西湖区) or its six-digit region code (330106)") @RequestParam(required = false) String district,
            @Parameter(description = "Credit-risk class; the risk department only", schema = @Schema(allowableValues = {"A", "B", "C", "D", "UNKNOWN"}))
            @RequestParam(required = false) String riskClass,
            @Parameter(description = "Registration status", schema = @Schema(allowableValues = {"ACTIVE", "REVOKED", "DEREGISTERED", "UNKNOWN"}))
            @RequestParam(required = false) String status,
            @Parameter(description = "Page index, from 0", schema = @Schema(type = "integer", format = "int32", minimum = "0", defaultValue = "0"))
            @RequestParam(required = false) String page,
            @Parameter(description = "Enterprises a page", schema = @Schema(type = "integer", format = "int32", minimum = "1",
                    maximum = "" + SearchCriteria.MAX_SIZE, defaultValue = "" + SearchCriteria.DEFAULT_SIZE))
            @RequestParam(required = false) String size,
                                         @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, HttpServletRequest request) {
        SearchCriteria.refuseUnknown(request.getParameterMap().keySet());
        SearchCriteria criteria = SearchCriteria.of(name, district, riskClass, status, page, size);
        if (caller.seesInternalOf(riskDepartment)) {
            return search.search(criteria, caller.department());
        }
        if (criteria.riskClass() != null) {
            throw new NotPermittedException("riskClass", "internal", "the credit-risk class is " + riskDepartment
                    + "'s INTERNAL classification (企业信用风险分类): " + caller + " may not search by it");
        }
        SearchPage<EnterpriseSummary> found = search.search(criteria, caller.department());
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
