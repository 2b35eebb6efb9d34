package org.sharebus.consumers.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where the staff pages' language switch leads ({@value #ATTRIBUTE}, read by the layout): the page
 * as it is, search criteria and page number kept, only {@code lang} changed. A page rendered in
 * answer to a form (a refused draw or acknowledgement) has no address of its own: a link back to
 * its POST address would answer 405, so it leads to its section's page
 * ({@code /staff/inspections/draw} → {@code /staff/inspections}), unless its handler names the page
 * it showed.
 */
@ControllerAdvice(basePackages = {"org.sharebus.consumers.web", "org.sharebus.consumers.inspection", "org.sharebus.consumers.notice"})
public class LanguageLinks {

    /** The model attribute: a path within the application, with its query but without {@code lang}. */
    public static final String ATTRIBUTE = "pageUrl";

    @ModelAttribute(ATTRIBUTE)
    String pageUrl(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!"GET".equals(request.getMethod())) {
            String[] segments = path.split("/");
            return segments.length > 2 ? "/" + segments[1] + "/" + segments[2] : path;
        }
        return UriComponentsBuilder.fromPath(path).query(request.getQueryString()).replaceQueryParam("lang").build().toUriString();
    }
}
