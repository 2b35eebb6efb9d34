package org.sharebus.consumers.disclosure;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.sharebus.consumers.api.ApiParameters;
import org.sharebus.consumers.api.InputText;
import org.sharebus.consumers.search.SearchPage;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Published inspection results for the public (一公开), no login: the page {@code /public/results}
 * (Chinese, {@code ?lang=en} for English) and {@code GET /api/v1/public/results?q=&page=}, 20 per
 * page, newest first, masked as published. A bad page number is a 400 problem naming the field.
 */
@Controller
class PublicResultsController {

    static final int MAX_QUERY_LENGTH = 100;
    private static final List<String> API_PARAMETERS = List.of("q", "page");

    private final PublicResults results;

    PublicResultsController(PublicResults results) {
        this.results = results;
    }

    @GetMapping("/public/results")
    String page(@RequestParam(required = false) String q, @RequestParam(required = false) String page, Model model,
                HttpServletResponse response) {
        model.addAttribute("q", q);
        try {
            int index = pageIndex(page);
            SearchPage<PublicResults.PublicResult> found = results.search(query(q), index);
            if (found.pastTheLast()) {
                index = found.lastPage();
                found = results.search(query(q), index);
            }
            model.addAttribute("results", found);
            model.addAttribute("previousLink", found.hasPrevious() ? link(q, index - 1) : null);
            model.addAttribute("nextLink", found.hasNext() ? link(q, index + 1) : null);
        } catch (InvalidPublicQueryException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("invalid", e);
        }
        return "public/results";
    }

    @GetMapping("/api/v1/public/results")
    @ResponseBody
    SearchPage<PublicResults.PublicResult> api(
            @Parameter(description = "Part of the enterprise's name as published (masked) or of its USCC",
                    schema = @Schema(maxLength = MAX_QUERY_LENGTH)) @RequestParam(required = false) String q,
            @Parameter(description = "Page index, from 0; " + PublicResults.PAGE_SIZE + " results a page",
                    schema = @Schema(type = "integer", format = "int32", minimum = "0", defaultValue = "0")) @RequestParam(required = false) String page,
            HttpServletRequest request) {
        // Including a size, which the public list does not take: it would answer 20 as if it had been asked.
        ApiParameters.unknown(request.getParameterMap().keySet(), API_PARAMETERS).ifPresent(parameter -> {
            throw new InvalidPublicQueryException(parameter, "unknown",
                    "the public results take q and page (" + PublicResults.PAGE_SIZE + " a page); '" + parameter + "' is neither");
        });
        return results.search(query(q), pageIndex(page));
    }

    @ExceptionHandler(InvalidPublicQueryException.class)
    @ResponseBody
    ResponseEntity<ProblemDetail> invalid(InvalidPublicQueryException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setType(URI.create("urn:sharebus:problem:invalid-public-query"));
        problem.setTitle("Invalid query parameter");
        problem.setProperty("field", e.field);
        problem.setProperty("rule", e.rule);
        return ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static int pageIndex(String page) {
        return ApiParameters.wholeNumber("page", page, 0, 0, Integer.MAX_VALUE, InvalidPublicQueryException::new);
    }

    private static String query(String q) {
        if (q != null && q.strip().length() > MAX_QUERY_LENGTH) {
            throw new InvalidPublicQueryException("q", "max-length", "q is at most " + MAX_QUERY_LENGTH + " characters");
        }
        // PostgreSQL text cannot hold a NUL: refused here rather than failing in the query.
        if (InputText.hasControlCharacters(q)) {
            throw new InvalidPublicQueryException("q", "characters", "q must not contain control characters");
        }
        return q;
    }

    /**
     * The page's link to another page of the same search. The search text is form-encoded: a URI
     * builder leaves '+' as it is (legal in a query), and the server reads it back as a space, so
     * page 2 of "A+B" searched for "A B".
     */
    static String link(String q, int page) {
        String search = q == null || q.isBlank() ? "" : "q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&";
        return "/public/results?" + search + "page=" + page;
    }

    /** Public so the page's template can read the field and rule (SpEL reads public members only). */
    public static final class InvalidPublicQueryException extends RuntimeException {
        final String field;
        final String rule;

        InvalidPublicQueryException(String field, String rule, String message) {
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
